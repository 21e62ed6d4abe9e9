namespace PartnerPrograms.Web.Pages.Certificates;

public enum InvitationOutcome { Invited, AlreadyHasAccount, NoEmail, EmailTaken, NotFound }
