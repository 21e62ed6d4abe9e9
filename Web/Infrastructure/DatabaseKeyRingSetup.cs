using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace PartnerPrograms.Web.Infrastructure;

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
