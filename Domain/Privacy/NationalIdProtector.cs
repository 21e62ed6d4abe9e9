using System.Security.Cryptography;
using System.Text;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Domain.Privacy;

/// <summary>
/// Encrypts national IDs at rest and computes their lookup hash. Built from plain keys (no DI), so tools that write
/// trainees with COPY can fill the same columns:
/// <list type="bullet">
/// <item>national_id_cipher = [key id (1 byte)] [nonce (12)] [tag (16)] [AES-256-GCM ciphertext (13)]: a random nonce
///   per write, so the same ID never gives the same bytes; the key id says which key to decrypt with, so keys rotate.</item>
/// <item>national_id_hash = HMAC-SHA256(lookup key, 13 ASCII digits): equality search and the unique index, without
///   decrypting. A separate key: knowing the hash key does not decrypt, knowing an encryption key does not search.</item>
/// <item>national_id_masked = 1-1037-xxxxx-xx-6: what lists, rosters and exports show, without decrypting.</item>
/// </list>
/// </summary>
public sealed class NationalIdProtector
{
    public const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;
    // Binds the ciphertext to its purpose: a value copied into another encrypted column would not decrypt.
    private static readonly byte[] Aad = "partnerprograms:trainees.national_id:v1"u8.ToArray();

    private readonly Dictionary<byte, byte[]> _keys;
    private readonly byte[] _lookupKey;

    public NationalIdProtector(IReadOnlyDictionary<byte, byte[]> keys, byte currentKeyId, byte[] lookupKey)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(lookupKey);
        if (keys.Count == 0) throw new ArgumentException("At least one national-ID key is required.", nameof(keys));
        foreach (var (id, key) in keys)
            if (key.Length != KeySize) throw new ArgumentException($"National-ID key {id} must be {KeySize} bytes (it is {key.Length}).", nameof(keys));
        if (!keys.ContainsKey(currentKeyId)) throw new ArgumentException($"The current national-ID key id {currentKeyId} is not among the configured keys.", nameof(currentKeyId));
        if (lookupKey.Length < KeySize) throw new ArgumentException($"The lookup key must be at least {KeySize} bytes.", nameof(lookupKey));
        if (keys.Values.Any(k => k.AsSpan().SequenceEqual(lookupKey))) throw new ArgumentException("The lookup key must differ from the encryption keys.", nameof(lookupKey));
        _keys = keys.ToDictionary(k => k.Key, k => k.Value.ToArray());
        CurrentKeyId = currentKeyId;
        _lookupKey = lookupKey.ToArray();
    }

    /// <summary>From base64 strings as configuration holds them (Pdpa:NationalIdKeys:&lt;id&gt;, Pdpa:CurrentKeyId, Pdpa:LookupKey).</summary>
    public static NationalIdProtector FromBase64(IEnumerable<KeyValuePair<string, string>> keys, string currentKeyId, string lookupKey)
    {
        var parsed = new Dictionary<byte, byte[]>();
        foreach (var (id, value) in keys)
        {
            if (!byte.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var keyId) || keyId == 0)
                throw new ArgumentException($"National-ID key id '{id}' must be a number from 1 to 255.", nameof(keys));
            parsed[keyId] = Decode(value, $"Pdpa:NationalIdKeys:{id}");
        }
        if (!byte.TryParse(currentKeyId, System.Globalization.CultureInfo.InvariantCulture, out var current))
            throw new ArgumentException("Pdpa:CurrentKeyId must be a number from 1 to 255.", nameof(currentKeyId));
        return new NationalIdProtector(parsed, current, Decode(lookupKey, "Pdpa:LookupKey"));
    }

    private static byte[] Decode(string base64, string name)
    {
        try { return Convert.FromBase64String(base64); }
        catch (FormatException) { throw new ArgumentException($"{name} is not base64."); }
    }

    /// <summary>A fresh random 32-byte key, base64 (for configuration).</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize));

    public byte CurrentKeyId { get; }
    public IReadOnlyCollection<byte> KeyIds => _keys.Keys;

    public byte[] Encrypt(string digits)
    {
        var plain = Encoding.ASCII.GetBytes(Checked(digits));
        var blob = new byte[HeaderSize + plain.Length];
        blob[0] = CurrentKeyId;
        var nonce = blob.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[CurrentKeyId], TagSize);
        aes.Encrypt(nonce, plain, blob.AsSpan(HeaderSize), blob.AsSpan(1 + NonceSize, TagSize), Aad);
        return blob;
    }

    public string Decrypt(byte[] blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.Length <= HeaderSize) throw new CryptographicException("Not a national-ID ciphertext.");
        if (!_keys.TryGetValue(blob[0], out var key))
            throw new CryptographicException($"National-ID key {blob[0]} is not configured (Pdpa:NationalIdKeys:{blob[0]}).");
        var plain = new byte[blob.Length - HeaderSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(blob.AsSpan(1, NonceSize), blob.AsSpan(HeaderSize), blob.AsSpan(1 + NonceSize, TagSize), plain, Aad);
        return Encoding.ASCII.GetString(plain);
    }

    private static readonly byte[] TextAad = "partnerprograms:text:v1"u8.ToArray();

    /// <summary>Any text under the current key (e.g. an import row's raw, possibly invalid, national-ID cell), base64.</summary>
    public string EncryptText(string text)
    {
        var plain = Encoding.UTF8.GetBytes(text);
        var blob = new byte[HeaderSize + plain.Length];
        blob[0] = CurrentKeyId;
        RandomNumberGenerator.Fill(blob.AsSpan(1, NonceSize));
        using var aes = new AesGcm(_keys[CurrentKeyId], TagSize);
        aes.Encrypt(blob.AsSpan(1, NonceSize), plain, blob.AsSpan(HeaderSize), blob.AsSpan(1 + NonceSize, TagSize), TextAad);
        return Convert.ToBase64String(blob);
    }

    public string DecryptText(string base64)
    {
        var blob = Convert.FromBase64String(base64);
        if (blob.Length < HeaderSize || !_keys.TryGetValue(blob[0], out var key)) throw new CryptographicException("Not a ciphertext this portal can read.");
        var plain = new byte[blob.Length - HeaderSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(blob.AsSpan(1, NonceSize), blob.AsSpan(HeaderSize), blob.AsSpan(1 + NonceSize, TagSize), plain, TextAad);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The key a ciphertext was written with.</summary>
    public static byte KeyIdOf(byte[] blob) => blob is { Length: > 0 } ? blob[0] : throw new CryptographicException("Empty ciphertext.");

    /// <summary>The lookup hash of an ID (13 digits, normalised first).</summary>
    public byte[] Hash(string digits) => HMACSHA256.HashData(_lookupKey, Encoding.ASCII.GetBytes(Checked(digits)));

    /// <summary>Fills the three stored columns of a trainee from its (unmapped) NationalId.</summary>
    public void Seal(Trainee trainee)
    {
        ArgumentNullException.ThrowIfNull(trainee);
        var digits = Checked(trainee.NationalId);
        trainee.NationalIdCipher = Encrypt(digits);
        trainee.NationalIdHash = Hash(digits);
        trainee.NationalIdMasked = NationalId.Mask(digits);
    }

    private static string Checked(string? input) =>
        NationalId.Normalize(input) ?? throw new ArgumentException("A national ID has 13 digits.", nameof(input));
}
