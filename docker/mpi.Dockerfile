# syntax=docker/dockerfile:1
# The MPI sidecar: `graincompute-mpi serve --port N` (HTTP on localhost) runs the message-passing examples
# with MPI.NET over the distribution's MPICH. Build from the repository root:
#   docker build -f docker/mpi.Dockerfile -t graincompute/mpi:dev .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
RUN mkdir -p /opt/nuget/packages
COPY global.json Directory.Build.props Directory.Packages.props NuGet.config ./
COPY mpi/ mpi/
COPY sdk/GrainCompute.Kernels.Sdk/ sdk/GrainCompute.Kernels.Sdk/
COPY grains/GrainCompute.Kernels/ grains/GrainCompute.Kernels/
RUN dotnet publish mpi/GrainCompute.Mpi.Examples/GrainCompute.Mpi.Examples.csproj -c Release -o /app /p:UseAppHost=false

# aspnet, not runtime: the sidecar serves HTTP. The .NET 10 images are Ubuntu 24.04 (Microsoft ships no Debian
# images for .NET 10), so mpich is Ubuntu's build of the Debian package: mpiexec.mpich (Hydra) and
# libmpich.so.12, the library MpichLibrary maps MPI.NET's msmpi.dll imports to (MS-MPI shares MPICH's ABI).
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
LABEL org.opencontainers.image.title="graincompute/mpi" \
      org.opencontainers.image.description="GrainCompute MPI sidecar (MPI.NET over the distribution's MPICH)"
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mpich \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# Hydra places more ranks than cores and runs as any user without settings; MPICH's shared memory is /dev/shm.
ENV TERM=dumb \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
USER $APP_UID
ENTRYPOINT ["dotnet", "graincompute-mpi.dll"]
CMD ["serve", "--port", "9500"]
