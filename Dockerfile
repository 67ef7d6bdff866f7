# raqib's image: connectors, workers and the compose one-shots (`raqib deploy-setup`, `raqib kibana import`).
# Two stages: the wheel is built in the first, so the runtime image holds the installed package only (no
# source copy, no build cache). Pinned base (bump deliberately; pin the digest too where builds must repeat).
FROM python:3.11.11-slim-bookworm AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY pipeline ./pipeline
COPY connectors ./connectors
COPY schemas ./schemas
COPY services ./services
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11.11-slim-bookworm
# RAQIB_HOME: the one writable place (Faust's data folder, rules file, local state); a volume in compose.
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 RAQIB_HOME=/var/lib/raqib
COPY --from=build /wheels /tmp/wheels
RUN pip install --no-cache-dir --no-index --find-links /tmp/wheels raqib \
    && rm -rf /tmp/wheels \
    && mkdir -p /var/lib/raqib \
    && chown nobody:nogroup /var/lib/raqib
COPY sources.example.yaml /etc/raqib/sources.example.yaml
WORKDIR /var/lib/raqib
USER nobody
VOLUME ["/var/lib/raqib"]
# compose's healthchecks use python (present) against the metrics port: no curl needed in the image
CMD ["raqib", "--help"]
