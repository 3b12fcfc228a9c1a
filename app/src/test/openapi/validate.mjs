// Validates an OpenAPI document with @apidevtools/swagger-parser (schema + references), independently of springdoc.
// Usage: node validate.mjs <file>   -> prints "valid <version>" and exits 0, or prints the problem and exits 1.
import SwaggerParser from "@apidevtools/swagger-parser";

try {
  const api = await SwaggerParser.validate(process.argv[2]);
  console.log(`valid ${api.openapi}`);
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
