using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>The data-protection key ring in the data_protection_keys table, so every web instance shares it.</summary>
public sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList()
            .Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

/// <summary>
/// Points the key ring at the database and, when DataProtection:KeyEncryptionKey (32 bytes, base64) is set, encrypts
/// each key at rest with AES-256-GCM. Rotation: add the new key as KeyEncryptionKey and move the old one to
/// DataProtection:PreviousKeyEncryptionKeys (comma-separated); keys written before stay readable.
/// </summary>
public sealed class DatabaseKeyRingSetup(IServiceScopeFactory scopes, IConfiguration config) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        options.XmlRepository = new DatabaseXmlRepository(scopes);
        if (AesGcmXmlEncryption.CurrentKey(config) is { } key) options.XmlEncryptor = new AesGcmXmlEncryptor(key);
    }
}

public static class AesGcmXmlEncryption
{
    public static byte[]? CurrentKey(IConfiguration config) => Parse(config["DataProtection:KeyEncryptionKey"]);

    public static IEnumerable<byte[]> AllKeys(IConfiguration config) =>
        new[] { config["DataProtection:KeyEncryptionKey"] }
            .Concat((config["DataProtection:PreviousKeyEncryptionKeys"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(Parse).OfType<byte[]>();

    public static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..16];

    private static byte[]? Parse(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64)) return null;
        var key = Convert.FromBase64String(base64.Trim());
        return key.Length == 32 ? key : throw new InvalidOperationException("DataProtection:KeyEncryptionKey must be 32 bytes, base64-encoded.");
    }
}

public sealed class AesGcmXmlEncryptor(byte[] key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(key, tag.Length)) aes.Encrypt(nonce, plain, cipher, tag);
        var element = new XElement("aesGcmEncrypted",
            new XAttribute("keyId", AesGcmXmlEncryption.KeyId(key)),
            new XAttribute("nonce", Convert.ToBase64String(nonce)),
            new XAttribute("tag", Convert.ToBase64String(tag)),
            Convert.ToBase64String(cipher));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}

public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var config = services.GetRequiredService<IConfiguration>();
        var keyId = (string)encryptedElement.Attribute("keyId")!;
        var key = AesGcmXmlEncryption.AllKeys(config).FirstOrDefault(k => AesGcmXmlEncryption.KeyId(k) == keyId)
                  ?? throw new CryptographicException($"The key-encryption key {keyId} is not configured (DataProtection:KeyEncryptionKey / PreviousKeyEncryptionKeys).");
        var nonce = Convert.FromBase64String((string)encryptedElement.Attribute("nonce")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Attribute("tag")!);
        var cipher = Convert.FromBase64String(encryptedElement.Value);
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(key, tag.Length)) aes.Decrypt(nonce, cipher, tag, plain);
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plain));
    }
}
