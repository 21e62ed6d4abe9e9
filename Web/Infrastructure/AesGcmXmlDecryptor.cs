using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace PartnerPrograms.Web.Infrastructure;

public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var config = services.GetRequiredService<IConfiguration>();
        var keyId = (string)encryptedElement.Attribute("keyId")!;
        var key = AesGcmXmlEncryption.AllKeys(config).FirstOrDefault(k => AesGcmXmlEncryption.KeyId(k) == keyId)
                  ?? throw new CryptographicException($"The key-encryption key {keyId} is not configured " +
                                                      "(DataProtection:KeyEncryptionKey / PreviousKeyEncryptionKeys).");
        var nonce = Convert.FromBase64String((string)encryptedElement.Attribute("nonce")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Attribute("tag")!);
        var cipher = Convert.FromBase64String(encryptedElement.Value);
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(key, tag.Length)) aes.Decrypt(nonce, cipher, tag, plain);
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plain));
    }
}
