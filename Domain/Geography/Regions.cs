namespace PartnerPrograms.Domain.Geography;

public static class Regions
{
    /// <summary>
    /// A region from a filter or a file: its English name, any case, with or without the hyphen ("north-east").
    /// A number is refused although <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> would take it.
    /// </summary>
    public static Region? Parse(string? value) =>
        Enum.TryParse<Region>(value?.Trim().Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var r)
        && Enum.IsDefined(r)
        && !int.TryParse(value, out _)
            ? r
            : null;
}
