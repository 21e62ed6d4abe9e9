using System.Security.Cryptography;

namespace PartnerPrograms.Web.Infrastructure;

public static class AesGcmXmlEncryption
{
    public static byte[]? CurrentKey(IConfiguration config) => Parse(config["DataProtection:KeyEncryptionKey"]);

    public static IEnumerable<byte[]> AllKeys(IConfiguration config) =>
        new[] { config["DataProtection:KeyEncryptionKey"] }
            .Concat((config["DataProtection:PreviousKeyEncryptionKeys"] ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(Parse).OfType<byte[]>();

    public static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..16];

    private static byte[]? Parse(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64)) return null;
        var key = Convert.FromBase64String(base64.Trim());
        return key.Length == 32 ? key : throw new InvalidOperationException("DataProtection:KeyEncryptionKey must be 32 bytes, base64-encoded.");
    }
}
