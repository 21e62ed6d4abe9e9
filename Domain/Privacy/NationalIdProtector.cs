using System.Security.Cryptography;
using System.Text;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Domain.Privacy;

/// <summary>
/// Encrypts national IDs at rest and computes their lookup hash. Built from plain keys (no DI), so tools that write
/// trainees with COPY can fill the same columns:
/// <list type="bullet">
/// <item>national_id_cipher = [0] [key id (1 byte)] [nonce (12)] [tag (16)] [AES-256-GCM ciphertext (13)]: a random nonce
///   per write, so the same ID never gives the same bytes; the key id says which key to decrypt with, so keys rotate.
///   The associated data names the trainee's id: a ciphertext moved to another row (two people's IDs swapped, or one
///   person's copied onto another) fails to decrypt there instead of showing the wrong person's number. The leading 0
///   marks this format: the format before it ([key id] … , key ids are 1–255) was bound to the column only and is
///   read by <see cref="DecryptUnbound"/> alone, to convert it.</item>
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
    private const byte RowBound = 0;
    // The first format's associated data: bound to the column, not the row.
    private static readonly byte[] UnboundAad = "partnerprograms:trainees.national_id:v1"u8.ToArray();

    private readonly Dictionary<byte, byte[]> _keys;
    private readonly byte[] _lookupKey;

    public NationalIdProtector(IReadOnlyDictionary<byte, byte[]> keys, byte currentKeyId, byte[] lookupKey)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(lookupKey);
        if (keys.Count == 0) throw new ArgumentException("At least one national-ID key is required.", nameof(keys));
        foreach (var (id, key) in keys)
            if (key.Length != KeySize) throw new ArgumentException($"National-ID key {id} must be {KeySize} bytes (it is {key.Length}).", nameof(keys));
        if (!keys.ContainsKey(currentKeyId))
            throw new ArgumentException(
                $"The current national-ID key id {currentKeyId} is not among the configured keys.", nameof(currentKeyId));
        if (lookupKey.Length < KeySize) throw new ArgumentException($"The lookup key must be at least {KeySize} bytes.", nameof(lookupKey));
        if (keys.Values.Any(k => k.AsSpan().SequenceEqual(lookupKey)))
            throw new ArgumentException("The lookup key must differ from the encryption keys.", nameof(lookupKey));
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

    /// <summary>The ciphertext of an ID for the trainee with this id (the row's primary key, known before it is written).</summary>
    public byte[] Encrypt(string digits, long traineeId)
    {
        if (traineeId <= 0)
            throw new ArgumentOutOfRangeException(nameof(traineeId),
                "A trainee's id must be known before its national ID is encrypted (reserve it with nextval).");
        var plain = Encoding.ASCII.GetBytes(Checked(digits));
        var blob = new byte[1 + HeaderSize + plain.Length];
        blob[0] = RowBound;
        blob[1] = CurrentKeyId;
        var nonce = blob.AsSpan(2, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[CurrentKeyId], TagSize);
        aes.Encrypt(nonce, plain, blob.AsSpan(1 + HeaderSize), blob.AsSpan(2 + NonceSize, TagSize), RowAad(traineeId));
        return blob;
    }

    /// <summary>
    /// The ID stored in trainee <paramref name="traineeId"/>'s row. Throws <see cref="CryptographicException"/> when the
    /// ciphertext was written for another row (or altered), and for the old column-bound format.
    /// </summary>
    public string Decrypt(byte[] blob, long traineeId)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.Length <= 1 + HeaderSize) throw new CryptographicException("Not a national-ID ciphertext.");
        if (blob[0] != RowBound)
            throw new CryptographicException(
                "This national ID is still in the format bound to the column only; it is converted at start.");
        return Open(blob.AsSpan(1), RowAad(traineeId));
    }

    /// <summary>Reads the first format (bound to the column, not to a row): for converting it to <see cref="Encrypt"/>'s, nothing else.</summary>
    public string DecryptUnbound(byte[] blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.Length <= HeaderSize || blob[0] == RowBound) throw new CryptographicException("Not a column-bound national-ID ciphertext.");
        return Open(blob, UnboundAad);
    }

    /// <summary>True for a ciphertext bound to its row (the current format).</summary>
    public static bool IsRowBound(byte[] blob) => blob is { Length: > 0 } && blob[0] == RowBound;

    private string Open(ReadOnlySpan<byte> body, byte[] aad)
    {
        if (!_keys.TryGetValue(body[0], out var key))
            throw new CryptographicException($"National-ID key {body[0]} is not configured (Pdpa:NationalIdKeys:{body[0]}).");
        var plain = new byte[body.Length - HeaderSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(body.Slice(1, NonceSize), body[HeaderSize..], body.Slice(1 + NonceSize, TagSize), plain, aad);
        return Encoding.ASCII.GetString(plain);
    }

    private static byte[] RowAad(long traineeId) =>
        Encoding.ASCII.GetBytes("partnerprograms:trainees.national_id:v2:" + traineeId.ToString(System.Globalization.CultureInfo.InvariantCulture));

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

    /// <summary>The key a ciphertext was written with (either format).</summary>
    public static byte KeyIdOf(byte[] blob) =>
        blob is { Length: > 1 } ? (blob[0] == RowBound ? blob[1] : blob[0]) : throw new CryptographicException("Empty ciphertext.");

    /// <summary>The lookup hash of an ID (13 digits, normalised first).</summary>
    public byte[] Hash(string digits) => HMACSHA256.HashData(_lookupKey, Encoding.ASCII.GetBytes(Checked(digits)));

    /// <summary>
    /// A keyed hash of another piece of personal data (e.g. an e-mail address kept only to recognise it again), under the
    /// same lookup key, separated from national IDs and from other purposes by <paramref name="purpose"/>; base64url.
    /// </summary>
    public string KeyedHash(string purpose, string value) =>
        Base64Url(HMACSHA256.HashData(_lookupKey, Encoding.UTF8.GetBytes(purpose + "\u001f" + value)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Fills the three stored columns of a trainee from its (unmapped) NationalId; its Id must be set already.</summary>
    public void Seal(Trainee trainee)
    {
        ArgumentNullException.ThrowIfNull(trainee);
        var digits = Checked(trainee.NationalId);
        trainee.NationalIdCipher = Encrypt(digits, trainee.Id);
        trainee.NationalIdHash = Hash(digits);
        trainee.NationalIdMasked = NationalId.Mask(digits);
    }

    private static string Checked(string? input) =>
        NationalId.Normalize(input) ?? throw new ArgumentException("A national ID has 13 digits.", nameof(input));
}
