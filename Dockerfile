# Arbiter in a container: a Maven stage builds the distribution archive, a JRE stage runs it as a
# non-root user. Arbiter needs no network: run it with --network none and the policies mounted
# read-only, for example
#   docker build -t arbiter .
#   docker run --rm --network none -v "$PWD:/work:ro" arbiter lint policies/
# Untested here: the machine this was written on has no Docker daemon (README.md, "Container").
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests package \
 && mkdir /dist \
 && tar -xzf policy-cli/target/arbiter-*.tar.gz -C /dist \
 && mv /dist/arbiter-* /dist/arbiter

FROM eclipse-temurin:17-jre
COPY --from=build /dist/arbiter /opt/arbiter
# The first run makes the class-data sharing archive (lib/arbiter.jsa) while lib is still writable,
# so every container starts from it; the non-root user then only reads it.
RUN ln -s /opt/arbiter/bin/arbiter /usr/local/bin/arbiter \
 && arbiter --version \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin arbiter
USER arbiter
WORKDIR /work
ENTRYPOINT ["arbiter"]
CMD ["--help"]
