namespace GrainCompute.Runtime;

/// <summary>Makes typed references to grains. A reference is cheap and valid on any silo and in any process of the cluster.</summary>
public interface IGrainFactory
{
    TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey;

    TGrain GetGrain<TGrain>(long key) where TGrain : IGrainWithIntegerKey;

    TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey;
}
