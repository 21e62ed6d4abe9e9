using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Model-binding and data-annotation messages in the user's language. The framework's defaults are English sentences
/// naming the C# property ("The value 'abc' is not valid for Hours."); these are short Thai sentences shown beside the
/// field, so they need no field name.
/// </summary>
public static class ValidationMessages
{
    public const string Required = "This field is required.";
    public const string Invalid = "This value is not valid here.";
    public const string Number = "Enter a number.";

    public static IMvcBuilder AddPortalValidationMessages(this IMvcBuilder mvc)
    {
        var l = new JsonStringLocalizer(ThaiStrings.Load(), ThaiStrings.LoadEnglish());
        mvc.AddMvcOptions(o =>
        {
            var p = o.ModelBindingMessageProvider;
            p.SetAttemptedValueIsInvalidAccessor((_, _) => l[Invalid]);
            p.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => l[Invalid]);
            p.SetUnknownValueIsInvalidAccessor(_ => l[Invalid]);
            p.SetNonPropertyUnknownValueIsInvalidAccessor(() => l[Invalid]);
            p.SetValueIsInvalidAccessor(_ => l[Invalid]);
            p.SetValueMustBeANumberAccessor(_ => l[Number]);
            p.SetNonPropertyValueMustBeANumberAccessor(() => l[Number]);
            p.SetValueMustNotBeNullAccessor(_ => l[Required]);
            p.SetMissingBindRequiredValueAccessor(_ => l[Required]);
            p.SetMissingKeyOrValueAccessor(() => l[Required]);
            p.SetMissingRequestBodyRequiredValueAccessor(() => l[Required]);
            o.ModelMetadataDetailsProviders.Add(new DefaultMessages());
        });
        mvc.AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, _) => l);
        return mvc;
    }

    /// <summary>Gives attributes without their own message an English key, which the data-annotation localizer translates.</summary>
    private sealed class DefaultMessages : IValidationMetadataProvider
    {
        public void CreateValidationMetadata(ValidationMetadataProviderContext context)
        {
            foreach (var a in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
            {
                if (a.ErrorMessage is not null || a.ErrorMessageResourceName is not null) continue;
                a.ErrorMessage = a switch
                {
                    RequiredAttribute => Required,
                    RangeAttribute => "Enter a value from {1} to {2}.",
                    StringLengthAttribute { MinimumLength: > 0 } => "Enter {2} to {1} characters.",
                    StringLengthAttribute or MaxLengthAttribute => "At most {1} characters.",
                    EmailAddressAttribute => "Enter a valid e-mail address.",
                    _ => null,
                };
            }
        }
    }
}
