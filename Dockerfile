FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY pipeline ./pipeline
COPY connectors ./connectors
COPY schemas ./schemas
COPY sources.example.yaml ./
RUN pip install --no-cache-dir .
ENV PYTHONUNBUFFERED=1
USER nobody
CMD ["raqib", "--help"]
