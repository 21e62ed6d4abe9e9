namespace PartnerPrograms.Web.Infrastructure;

/// <summary>The drop-down menus of the top navigation (English keys; Thai in Shell.th.json).</summary>
public static class NavMenus
{
    public const string Training = "Training programmes";
    public const string Administration = "Administration";

    /// <summary>The links a user sees, in order, with the links of a menu gathered where its first one stands.</summary>
    public static IEnumerable<(string? Menu, IReadOnlyList<NavItem> Items)> Group(IEnumerable<NavItem> visible)
    {
        var items = visible.ToList();
        var menus = items.Where(i => i.Menu is not null).GroupBy(i => i.Menu!)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<NavItem>)g.ToList());
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.Menu is { } menu && menus[menu].Count > 1)
            {
                if (shown.Add(menu)) yield return (menu, menus[menu]);
            }
            else yield return (null, [item]);
        }
    }
}
