#!/usr/bin/env node
// Validates rendered Kubernetes manifests (multi-document YAML on stdin or in the files named) against the
// Kubernetes OpenAPI schemas that the npm package kubernetes-models ships (ajv under the hood). Each object is
// looked up by apiVersion + kind; an object whose kind the package does not know is an error, not a skip, so a
// typo in a kind cannot slip through. Prints one line per object; exits 1 if any object is invalid.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const sources = process.argv.length > 2
  ? process.argv.slice(2).map((file) => ({ name: file, text: readFileSync(file, "utf8") }))
  : [{ name: "<stdin>", text: readFileSync(0, "utf8") }];

// "apps/v1" -> "kubernetes-models/apps/v1", core "v1" -> "kubernetes-models/v1".
const modulePath = (apiVersion) => `kubernetes-models/${apiVersion}`;

let objects = 0;
let failures = 0;
for (const { name, text } of sources) {
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      console.error(`${name}: YAML error: ${document.errors[0].message}`);
      failures++;
      continue;
    }

    const object = document.toJS();
    if (object === null || object === undefined) {
      continue;
    }

    objects++;
    const label = `${object.kind ?? "?"}/${object.metadata?.name ?? "?"} (${object.apiVersion ?? "no apiVersion"})`;
    let Model;
    try {
      Model = (await import(`${modulePath(object.apiVersion)}/${object.kind}`))[object.kind];
    } catch {
      Model = undefined;
    }

    if (typeof Model !== "function") {
      console.error(`INVALID ${label}: kubernetes-models has no schema for this apiVersion and kind`);
      failures++;
      continue;
    }

    try {
      new Model(object).validate();
      console.log(`ok ${label}`);
    } catch (error) {
      const details = (error.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`);
      console.error(`INVALID ${label}: ${details.length > 0 ? details.join("; ") : error.message}`);
      failures++;
    }
  }
}

console.log(`${objects} objects, ${failures} invalid`);
process.exit(failures > 0 || objects === 0 ? 1 : 0);
