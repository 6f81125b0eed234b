# syntax=docker/dockerfile:1
# A silo image with your kernel pack: builds the pack you made with `dotnet new graincompute-kernel`, adds it to the
# graincompute/silo image under /packs/<name>/ and points Compute:KernelPacks at it. Build from the pack's folder
# (the one holding nuget.config and the SDK feed it names, which must lie inside that folder):
#   docker build -f <graincompute>/docker/kernel-pack.Dockerfile --build-arg PACK=Acme.Kernels -t graincompute/silo-acme:dev .
# SILO_IMAGE is the silo to extend: by default the one `docker build -f docker/silo.Dockerfile -t graincompute/silo:dev .`
# makes; pass your registry's pinned tag for production. k8s/overlays/kernel-packs runs the result.

ARG SILO_IMAGE=graincompute/silo:dev

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PACK
WORKDIR /src
# The template's nuget.config names a local feed that only exists on developer machines; an empty one keeps restore happy.
RUN mkdir -p /opt/nuget/packages
COPY . .
RUN test -n "$PACK" || { echo "kernel-pack.Dockerfile: pass --build-arg PACK=<the pack's project name>, e.g. Acme.Kernels" >&2; exit 1; }
RUN dotnet publish src/$PACK/$PACK.csproj -c Release -o /packs/$PACK

# The silo image unchanged but for the pack: same user, ports and entry point. Another pack is one more COPY and
# GRAINCOMPUTE__COMPUTE__KERNELPACKS__1.
FROM ${SILO_IMAGE} AS final
ARG PACK
LABEL org.opencontainers.image.description="GrainCompute silo with the kernel pack ${PACK}"
COPY --from=build /packs/ /packs/
ENV GRAINCOMPUTE__COMPUTE__KERNELPACKS__0=/packs/${PACK}/${PACK}.dll
