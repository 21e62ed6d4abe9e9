namespace PartnerPrograms.Jobs.Email;

public static class EmailSetup
{
    /// <summary>
    /// The portal's public address for links in mails ("App"), and sending from the outbox: the relay from "Smtp",
    /// with "Mail:PickupDirectory" (else <paramref name="pickupDefault"/>)
    /// for .eml files when no relay is set, and "Mail:MaxAttempts".
    /// </summary>
    public static IServiceCollection AddPortalEmail(this IServiceCollection services, IConfiguration config, string pickupDefault)
    {
        services.Configure<PortalOptions>(config.GetSection("App"));
        services.Configure<MailSettings>(config.GetSection("Smtp"));
        services.Configure<MailSettings>(o =>
        {
            o.PickupDirectory = config["Mail:PickupDirectory"] is { Length: > 0 } dir ? dir : pickupDefault;
            if (config.GetValue<int?>("Mail:MaxAttempts") is { } max) o.MaxAttempts = max;
        });
        // Writing: every mail is a Razor component on one layout (Templates/), queued by the one MailWriter.
        services.AddSingleton<MailRenderer>();
        services.AddSingleton<MailWriter>();
        services.AddSingleton<EmailSender>();
        services.AddScoped<OutboxDispatcher>();
        return services;
    }
}
