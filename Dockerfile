# lumba's container image: `docker build -t lumba .`
# Runs as a non-root user and is meant to run with a read-only root
# filesystem (compose.yaml does): only /var/lib/lumba (a volume) and the
# tmpfs mounts /tmp and /run/lumba are written. docs/operations.md has the
# same without Docker.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml MANIFEST.in build_catalogues.py README.md LICENSE ./
COPY lumba ./lumba
# lumba[web]: the web app and its server (with FHIR). The build compiles the
# message catalogues from the .po files into the installed package
# (build_catalogues.py).
RUN python -m venv /opt/lumba && /opt/lumba/bin/pip install ".[web]" \
    && /opt/lumba/bin/python -m compileall -q /opt/lumba

FROM python:3.11-slim-bookworm
# WeasyPrint (the midwife summary PDF) needs Pango and HarfBuzz, and fonts:
# Noto CJK for the Chinese summary.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /var/lib/lumba \
        --shell /usr/sbin/nologin lumba \
    && install -d -o lumba -g lumba -m 0700 /var/lib/lumba
COPY --from=build /opt/lumba /opt/lumba
COPY deploy/healthcheck.py /opt/lumba/healthcheck.py

# Everything lumba writes goes to the data folder or to tmpfs:
# PROMETHEUS_MULTIPROC_DIR on tmpfs starts empty with each container, as
# the metrics' multiprocess mode wants; caches (content, fonts)
# are rebuilt in /tmp.
ENV PATH=/opt/lumba/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    LUMBA_ENV=production \
    LUMBA_DATA_DIR=/var/lib/lumba \
    PROMETHEUS_MULTIPROC_DIR=/run/lumba/metrics \
    XDG_CACHE_HOME=/tmp/cache

USER lumba
WORKDIR /var/lib/lumba
VOLUME ["/var/lib/lumba"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "/opt/lumba/healthcheck.py"]
CMD ["lumba", "serve", "--host", "0.0.0.0", "--port", "8000"]
