namespace PartnerPrograms.Domain.Training;

public static class TraineeNames
{
    /// <summary>Thai style: the title joins the first name (นางสาวญาณี ปิ่นแก้วฟ้า).</summary>
    public static string Full(string? title, string firstName, string lastName) => $"{title}{firstName} {lastName}".Trim();
}
