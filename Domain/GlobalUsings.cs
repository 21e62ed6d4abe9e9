// Namespaces most files of this project use; a file adds its own usings for the rest.
global using Microsoft.EntityFrameworkCore;
global using PartnerPrograms.Domain.Common;
