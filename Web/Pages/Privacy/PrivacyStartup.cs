namespace PartnerPrograms.Web.Pages.Privacy;

/// <summary>
/// Personal-data conversions that need the application's keys, run right after the migrations at every start (each
/// idempotent and close to free once done): plain national IDs from before 0011 encrypted, column-bound ciphertexts
/// bound to their rows and e-mail addresses in the reminder log replaced by keyed hashes (0017).
/// </summary>
public static class PrivacyStartup
{
    public static async Task RunAsync(IServiceProvider services, string connectionString, CancellationToken ct = default)
    {
        var nationalIds = services.GetRequiredService<NationalIdMaintenance>();
        await nationalIds.ConvertPlainColumnAsync(connectionString, ct);
        await nationalIds.BindToRowsAsync(connectionString, ct);
        await services.GetRequiredService<ReminderKeyMaintenance>().HashEmailKeysAsync(connectionString, ct);
    }
}
