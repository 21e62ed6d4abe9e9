namespace PartnerPrograms.Domain.Email;

public enum OutboxStatus { Pending, Sending, Sent, Failed }
