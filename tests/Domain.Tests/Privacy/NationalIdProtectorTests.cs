using System.Security.Cryptography;
using System.Text;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Domain.Tests.Privacy;

public class NationalIdProtectorTests
{
    private const string Id = "1103700123458";
    private static readonly byte[] Key1 = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Key2 = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Lookup = RandomNumberGenerator.GetBytes(32);

    private static NationalIdProtector With(byte current, params byte[] ids) =>
        new(ids.ToDictionary(i => i, i => i == 1 ? Key1 : Key2), current, Lookup);

    [Fact]
    public void Encrypts_and_decrypts_back_to_the_same_digits()
    {
        var p = With(1, 1);
        var blob = p.Encrypt(Id, 7);
        p.Decrypt(blob, 7).ShouldBe(Id);
        blob.Length.ShouldBe(1 + 1 + 12 + 16 + 13);
        NationalIdProtector.KeyIdOf(blob).ShouldBe((byte)1);
        // the plain digits are nowhere in the bytes
        Encoding.ASCII.GetString(blob).ShouldNotContain(Id[..6]);
    }

    [Fact]
    public void The_same_ID_gives_different_ciphertexts_but_the_same_lookup_hash()
    {
        var p = With(1, 1);
        var a = p.Encrypt(Id, 7);
        var b = p.Encrypt(Id, 7);
        a.ShouldNotBe(b);
        p.Hash(Id).ShouldBe(p.Hash(Id));
        p.Hash("1-1037-00123-45-8").ShouldBe(p.Hash(Id), "dashes do not change the hash");
        p.Hash(Id).ShouldNotBe(p.Hash(NationalId.WithCheckDigit("110370012346")));
        new NationalIdProtector(new Dictionary<byte, byte[]> { [1] = Key1 }, 1, RandomNumberGenerator.GetBytes(32)).Hash(Id)
            .ShouldNotBe(p.Hash(Id), "another lookup key, another hash");
    }

    [Fact]
    public void A_tampered_ciphertext_or_a_missing_key_fails_loudly()
    {
        var p = With(1, 1);
        var blob = p.Encrypt(Id, 7);
        blob[^1] ^= 1;
        Should.Throw<CryptographicException>(() => p.Decrypt(blob, 7));
        var underKey2 = With(2, 1, 2).Encrypt(Id, 7);
        Should.Throw<CryptographicException>(() => p.Decrypt(underKey2, 7)).Message.ShouldContain("key 2");
    }

    [Fact]
    public void After_rotation_old_ciphertexts_still_decrypt_and_new_ones_use_the_current_key()
    {
        var old = With(1, 1).Encrypt(Id, 7);
        var rotated = With(2, 1, 2);
        rotated.Decrypt(old, 7).ShouldBe(Id);
        var fresh = rotated.Encrypt(Id, 7);
        NationalIdProtector.KeyIdOf(fresh).ShouldBe((byte)2);
        With(2, 2).Decrypt(fresh, 7).ShouldBe(Id, "once everything is re-encrypted, key 1 can go");
    }

    [Fact]
    public void Keys_are_checked_when_the_protector_is_built()
    {
        Should.Throw<ArgumentException>(() => new NationalIdProtector(new Dictionary<byte, byte[]> { [1] = new byte[16] }, 1, Lookup));
        Should.Throw<ArgumentException>(() => new NationalIdProtector(new Dictionary<byte, byte[]> { [1] = Key1 }, 2, Lookup));
        Should.Throw<ArgumentException>(() => new NationalIdProtector(new Dictionary<byte, byte[]> { [1] = Key1 }, 1, Key1));
        Should.Throw<ArgumentException>(() => NationalIdProtector.FromBase64([new("1", "not base64!")], "1", Convert.ToBase64String(Lookup)));
        var p = NationalIdProtector.FromBase64([new("1", Convert.ToBase64String(Key1)), new("7", NationalIdProtector.NewKey())], "7", Convert.ToBase64String(Lookup));
        p.CurrentKeyId.ShouldBe((byte)7);
        Should.Throw<ArgumentException>(() => p.Encrypt("12345", 7));
    }

    [Fact]
    public void Sealing_a_trainee_fills_cipher_hash_and_mask_from_its_ID()
    {
        var p = With(1, 1);
        var t = new Trainee { Id = 42, FirstName = "ญาณี", LastName = "ปิ่นแก้วฟ้า", NationalId = "1 1037 00123 45 8" };
        p.Seal(t);
        p.Decrypt(t.NationalIdCipher!, 42).ShouldBe(Id);
        Should.Throw<ArgumentOutOfRangeException>(() => p.Seal(new Trainee { NationalId = Id }), "the row's id must be known first");
        t.NationalIdHash.ShouldBe(p.Hash(Id));
        t.NationalIdMasked.ShouldBe("1-1037-xxxxx-xx-8");
    }

    [Fact]
    public void A_ciphertext_moved_to_another_row_does_not_decrypt_there()
    {
        var p = With(1, 1);
        var other = NationalId.WithCheckDigit("310040012345");
        var mine = p.Encrypt(Id, 7);
        var theirs = p.Encrypt(other, 8);
        // Swapped: each row would show the other person's number; bound to the row, neither decrypts.
        Should.Throw<CryptographicException>(() => p.Decrypt(theirs, 7));
        Should.Throw<CryptographicException>(() => p.Decrypt(mine, 8));
        // Copied onto a new row (row ids are never reused): the same.
        Should.Throw<CryptographicException>(() => p.Decrypt(mine, 70));
        p.Decrypt(mine, 7).ShouldBe(Id);
        p.Decrypt(theirs, 8).ShouldBe(other);
    }

    /// <summary>The format before 0017 ([key id][nonce][tag][ciphertext], bound to the column only), written as it was.</summary>
    public static byte[] ColumnBound(byte keyId, byte[] key, string digits)
    {
        var plain = Encoding.ASCII.GetBytes(digits);
        var blob = new byte[1 + 12 + 16 + plain.Length];
        blob[0] = keyId;
        RandomNumberGenerator.Fill(blob.AsSpan(1, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(blob.AsSpan(1, 12), plain, blob.AsSpan(29), blob.AsSpan(13, 16), "partnerprograms:trainees.national_id:v1"u8);
        return blob;
    }

    [Fact]
    public void The_column_bound_format_is_read_only_for_conversion()
    {
        var p = With(1, 1);
        var old = ColumnBound(1, Key1, Id);
        NationalIdProtector.IsRowBound(old).ShouldBeFalse();
        NationalIdProtector.KeyIdOf(old).ShouldBe((byte)1);
        p.DecryptUnbound(old).ShouldBe(Id);
        Should.Throw<CryptographicException>(() => p.Decrypt(old, 7), "a reader never accepts the unbound format").Message.ShouldContain("converted at start");
        var bound = p.Encrypt(p.DecryptUnbound(old), 7);
        NationalIdProtector.IsRowBound(bound).ShouldBeTrue();
        Should.Throw<CryptographicException>(() => p.DecryptUnbound(bound));
    }

    [Fact]
    public void A_keyed_hash_is_stable_separated_by_purpose_and_by_key()
    {
        var p = With(1, 1);
        p.KeyedHash("email", "somchai@example.org").ShouldBe(p.KeyedHash("email", "somchai@example.org"));
        p.KeyedHash("email", "somchai@example.org").ShouldNotBe(p.KeyedHash("other", "somchai@example.org"));
        p.KeyedHash("email", "somchai@example.org").ShouldNotContain("somchai");
        new NationalIdProtector(new Dictionary<byte, byte[]> { [1] = Key1 }, 1, RandomNumberGenerator.GetBytes(32)).KeyedHash("email", "somchai@example.org")
            .ShouldNotBe(p.KeyedHash("email", "somchai@example.org"));
    }

    [Fact]
    public void Text_encryption_round_trips_any_cell()
    {
        var p = With(1, 1);
        var cipher = p.EncryptText("๑๑๐๓๗-typo");
        cipher.ShouldNotContain("typo");
        p.DecryptText(cipher).ShouldBe("๑๑๐๓๗-typo");
    }
}

public class TraineeErasureTests
{
    [Fact]
    public void Erasing_removes_every_identifying_field_and_keeps_the_province()
    {
        var now = new DateTime(2026, 11, 22, 3, 0, 0, DateTimeKind.Utc);
        var t = new Trainee
        {
            Title = "นางสาว",
            FirstName = "ญาณี",
            LastName = "ปิ่นแก้วฟ้า",
            FirstNameEn = "Yanee",
            LastNameEn = "Pinkaewfa",
            NationalId = "1103700123458",
            NationalIdCipher = [1, 2],
            NationalIdHash = [3],
            NationalIdMasked = "1-1037-xxxxx-xx-8",
            BirthDate = new DateOnly(1987, 3, 15),
            Phone = "0812345678",
            Email = "yanee@example.org",
            LineId = "yanee.p",
            Province = "มหาสารคาม",
            Community = "กลุ่มทอผ้าบ้านดอน",
            PdpaConsentAt = now,
            PdpaConsentBy = "สมใจ",
        };
        t.Erase(now);
        t.FullName.ShouldBe("ผู้ขอลบข้อมูล");
        new object?[] { t.Title, t.FirstNameEn, t.LastNameEn, t.NationalIdCipher, t.NationalIdHash, t.NationalIdMasked, t.BirthDate, t.Phone, t.Email,
            t.LineId, t.Community, t.PdpaConsentAt, t.PdpaConsentBy }.ShouldAllBe(v => v == null);
        t.NationalId.ShouldBeEmpty();
        t.Province.ShouldBe("มหาสารคาม");
        t.ErasedAt.ShouldBe(now);
        Should.Throw<RuleViolationException>(() => t.Erase(now));
    }
}
