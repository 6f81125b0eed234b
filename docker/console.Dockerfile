# syntax=docker/dockerfile:1
# The console: graincompute (submit, run, jobs, cluster, demo against a cluster's HTTP API).
# Build from the repository root:  docker build -f docker/console.Dockerfile -t graincompute/console:dev .
# Run against the in-cluster Service:
#   kubectl -n graincompute run graincompute-console --rm -it --restart=Never --image=graincompute/console:dev \
#     --env=GRAINCOMPUTE_CLUSTER=http://graincompute:8080 -- cluster

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
RUN mkdir -p /opt/nuget/packages
COPY global.json Directory.Build.props Directory.Packages.props NuGet.config ./
# The console's client library embeds a silo for `run` without --cluster, so it builds the silo's projects too.
COPY sdk/ sdk/
COPY grains/ grains/
COPY providers/ providers/
COPY mpi/GrainCompute.Mpi/ mpi/GrainCompute.Mpi/
COPY silo/ silo/
COPY client/ client/
RUN dotnet publish client/GrainCompute.Console/GrainCompute.Console.csproj -c Release -o /app /p:UseAppHost=false

# aspnet, not runtime: the embedded silo needs the ASP.NET Core shared framework.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
LABEL org.opencontainers.image.title="graincompute/console" \
      org.opencontainers.image.description="GrainCompute console (graincompute)"
WORKDIR /app
COPY --from=build /app ./
ENV TERM=dumb \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
USER $APP_UID
ENTRYPOINT ["dotnet", "graincompute.dll"]
CMD ["--help"]
