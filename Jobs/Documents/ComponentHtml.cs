using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace PartnerPrograms.Jobs.Documents;

/// <summary>
/// A Razor component (fed by plain values) rendered to an HTML page: what the PDF documents and the e-mails are
/// written as. A culture, when given, is the one its text and dates are written in (an e-mail is in the recipient's
/// language, whatever the job's thread is in); the change stays inside the render.
/// </summary>
public static class ComponentHtml
{
    public static async Task<string> RenderAsync<TComponent>(IServiceProvider services, ILoggerFactory loggerFactory,
        IDictionary<string, object?> parameters, CultureInfo? culture = null) where TComponent : IComponent
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            if (culture is not null) CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return "<!DOCTYPE html>" + output.ToHtmlString();
        });
    }
}
