using System.Linq.Expressions;

namespace PartnerPrograms.Domain.Mous;

/// <summary>
/// "Open" — neither done nor cancelled — as one expression for every query that counts or lists open actions (the
/// in-memory twin is <see cref="MouRules.IsOpen"/>). Inside a projection use
/// <c>db.MouActions.Where(OpenActions.Filter).Count(…)</c>; EF Core inlines the expression into the SQL.
/// </summary>
public static class OpenActions
{
    public static readonly Expression<Func<MouAction, bool>> Filter =
        a => a.Status != ActionStatus.Done && a.Status != ActionStatus.Cancelled;

    public static IQueryable<MouAction> WhereOpen(this IQueryable<MouAction> actions) => actions.Where(Filter);
}
