namespace PartnerPrograms.Jobs.Email;

/// <summary>The outbox row itself cannot become an e-mail (no recipient, an address that does not parse): no retry helps.</summary>
public sealed class InvalidMessageException : Exception
{
    public InvalidMessageException() { }
    public InvalidMessageException(string message) : base(message) { }
    public InvalidMessageException(string message, Exception inner) : base(message, inner) { }
}
