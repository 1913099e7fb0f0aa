global using k8s.Models;
global using Microsoft.Extensions.Configuration;
global using Microsoft.Extensions.DependencyInjection;
global using Orleans.Counters.Client;
global using Orleans.Counters.Testing;
global using Orleans.Counters.Configuration;
