using System.Globalization;
using GrainCompute.Runtime.Hosting;

namespace GrainCompute.Runtime.Calls;

internal sealed class GrainFactory(Silo silo) : IGrainFactory
{
    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey => Create<TGrain>(key);

    public TGrain GetGrain<TGrain>(long key) where TGrain : IGrainWithIntegerKey => Create<TGrain>(key.ToString(CultureInfo.InvariantCulture));

    public TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey => Create<TGrain>(key.ToString("D"));

    private TGrain Create<TGrain>(string key)
    {
        GrainInterfaceRegistry.DescribeInterface(typeof(TGrain));
        return GrainProxy.Create<TGrain>(silo, new GrainId(typeof(TGrain).FullName!, key));
    }
}
