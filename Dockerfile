# Multi-stage build of the policysearch server.
# The build stage compiles with cgo (gojieba is C++) and embeds jieba's dictionaries
# into the binary (go generate copies them from the gojieba module; -tags jiebaembed
# compiles them in), so the runtime image needs no Go module cache.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=docker
RUN go generate ./analyzers \
 && CGO_ENABLED=1 go build -trimpath -tags jiebaembed \
      -ldflags "-s -w -X main.version=${VERSION}" -o /out/policysearch ./cmd/policysearch

FROM debian:bookworm-slim
# libstdc++ for the jieba C++ code; ca-certificates for nothing outbound, kept small.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libstdc++6 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/policysearch --create-home policysearch
COPY --from=build /out/policysearch /usr/local/bin/policysearch
USER policysearch
WORKDIR /var/lib/policysearch
# The dictionaries are unpacked into the user's cache dir on first start.
ENV XDG_CACHE_HOME=/var/lib/policysearch/.cache
EXPOSE 8080
ENTRYPOINT ["policysearch", "serve", "--addr", "0.0.0.0:8080"]
# With a volume: docker run -v data:/var/lib/policysearch/data IMAGE --data /var/lib/policysearch/data
