namespace PartnerPrograms.Jobs.Documents;

/// <summary>
/// Which Chromium pages a print uses. Web requests and background jobs have pages of their own, so a batch of 515
/// certificates holding the job pages never makes someone downloading an agreement wait.
/// </summary>
public enum PdfPool { Requests, Jobs }
