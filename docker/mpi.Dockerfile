# syntax=docker/dockerfile:1
# The MPI sidecar: `graincompute-mpi serve --port N` (HTTP on localhost) runs the message-passing examples
# with Debian's Open MPI. Build from the repository root:
#   docker build -f docker/mpi.Dockerfile -t graincompute/mpi:dev .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
RUN mkdir -p /opt/nuget/packages
COPY global.json Directory.Build.props Directory.Packages.props NuGet.config ./
COPY mpi/ mpi/
COPY grains/GrainCompute.Kernels/ grains/GrainCompute.Kernels/
RUN dotnet publish mpi/GrainCompute.Mpi.Examples/GrainCompute.Mpi.Examples.csproj -c Release -o /app /p:UseAppHost=false

# aspnet, not runtime: the sidecar serves HTTP. The .NET 10 images are Ubuntu 24.04 (Microsoft ships no Debian
# images for .NET 10), so openmpi-bin is Ubuntu's build of the Debian package: Open MPI 4.1, libmpi.so.40,
# the ABI mpi/ binds.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
LABEL org.opencontainers.image.title="graincompute/mpi" \
      org.opencontainers.image.description="GrainCompute MPI sidecar (Open MPI from the distribution's openmpi-bin)"
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openmpi-bin \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# Shared memory without CMA (the pod drops CAP_SYS_PTRACE; btl_sm is the Open MPI 5 name of vader);
# mpiexec may place more ranks than cores.
ENV OMPI_MCA_btl_vader_single_copy_mechanism=none \
    OMPI_MCA_btl_sm_single_copy_mechanism=none \
    OMPI_MCA_rmaps_base_oversubscribe=1 \
    TERM=dumb \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
USER $APP_UID
ENTRYPOINT ["dotnet", "graincompute-mpi.dll"]
CMD ["serve", "--port", "9500"]
