global using System.Net;
global using System.Text.Json;
global using Microsoft.AspNetCore.Builder;
global using Microsoft.Extensions.DependencyInjection;
