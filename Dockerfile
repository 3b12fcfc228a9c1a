# syntax=docker/dockerfile:1
# The image every cloud program runs. Build from the repository root:  docker build -t consoul-api .
# (Jib builds the same image without a Docker daemon: see README, "Container image".)

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY app/pom.xml app/
RUN sed -i 's#<module>[^<]*</module>#<module>app</module>#' pom.xml \
 && ./mvnw -B -q -pl app dependency:go-offline
COPY app/src app/src
RUN ./mvnw -B -q -pl app package -DskipTests \
 && java -Djarmode=tools -jar app/target/consoul-app-exec.jar extract --layers --launcher --destination /layers

# Built for Java 17, run on the current LTS JRE: virtual threads serve requests and streams (issue 16).
FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 consoul && useradd --system --uid 10001 --gid consoul --no-create-home consoul
WORKDIR /app
# Dependencies change less often than the application: separate layers keep pushes small.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
EXPOSE 8000 9090
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
HEALTHCHECK --interval=30s --timeout=10s --start-period=15s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8000/health || exit 1
# exec form: the JVM is PID 1 and receives SIGTERM itself, which starts the graceful drain.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
