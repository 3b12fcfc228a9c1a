package io.consoul;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoulApplication {
    public static void main(String[] args) {
        SpringApplication.run(ConsoulApplication.class, args);
    }
}
