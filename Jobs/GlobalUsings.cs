// Namespaces most files of this project use; a file adds its own usings for the rest.
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.Configuration;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Logging;
global using PartnerPrograms.Domain.Database;
