# syntax=docker/dockerfile:1
#
# Portcullis container image: a multi-stage build, release binary on a slim
# Debian runtime, running as an unprivileged user.
#
#   docker build -t portcullis .
#   docker run --rm -p 127.0.0.1:8080:8080 -v portcullis-data:/data \
#       -e PORTCULLIS_ISSUER=http://localhost:8080 portcullis
#
# Without further configuration the container uses SQLite in /data and
# generates its master key at /data/master.key on first start. For production
# see docker-compose.yml: PostgreSQL, Redis and the master key as a secret.

ARG RUST_IMAGE=rust:1-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

# ---------------------------------------------------------------------------
FROM ${RUST_IMAGE} AS builder

RUN apt-get update \
 && apt-get install -y --no-install-recommends pkg-config libssl-dev \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src
ENV CARGO_TARGET_DIR=/src/target \
    CARGO_TERM_COLOR=never \
    SQLX_OFFLINE=true

# .dockerignore keeps target/, data, keys and local tooling out of the context.
COPY . .

# Cache mounts keep the registry and build artefacts between builds; the
# binary is copied out of the cached target dir in the same step.
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,target=/usr/local/cargo/git,sharing=locked \
    --mount=type=cache,target=/src/target,sharing=locked \
    cargo build --release --locked --bin portcullis \
 && install -D -m 0755 /src/target/release/portcullis /out/usr/local/bin/portcullis \
 && mkdir -p /out/app

# ---------------------------------------------------------------------------
FROM ${RUNTIME_IMAGE} AS runtime

RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libssl3 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 portcullis \
 && useradd --system --uid 10001 --gid portcullis --home-dir /data --no-create-home \
        --shell /usr/sbin/nologin portcullis \
 && mkdir -p /data \
 && chown portcullis:portcullis /data \
 && chmod 0700 /data

COPY --from=builder /out/ /

# Templates and static assets are compiled into the binary. /app is the
# working directory (an operator may mount a portcullis.toml there); all state
# lives in /data.
WORKDIR /app
ENV PORTCULLIS_LISTEN=0.0.0.0:8080 \
    PORTCULLIS_DATA_DIR=/data \
    PORTCULLIS_MASTER_KEY_FILE=/data/master.key \
    PORTCULLIS_LOG_FORMAT=json \
    RUST_LOG=info

USER 10001:10001
VOLUME ["/data"]
EXPOSE 8080

# No curl in the image: bash's /dev/tcp is enough for a readiness probe.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["portcullis"]
CMD ["serve"]
