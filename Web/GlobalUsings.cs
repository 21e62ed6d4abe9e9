// Namespaces most files of this project use; a file adds its own usings for the rest.
global using Microsoft.AspNetCore.Authorization;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.Localization;
global using PartnerPrograms.Domain.Common;
global using PartnerPrograms.Domain.Database;
global using PartnerPrograms.Domain.Identity;
global using PartnerPrograms.Web.Infrastructure;
