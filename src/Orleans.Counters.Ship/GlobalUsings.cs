global using System.Text;
global using Orleans.Counters.Events;
