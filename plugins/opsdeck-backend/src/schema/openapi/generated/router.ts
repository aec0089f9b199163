// ******************************************************************
// * THIS IS A GENERATED FILE. DO NOT EDIT IT DIRECTLY.             *
// * Edit ../../openapi.yaml and run `yarn openapi:generate`.        *
// ******************************************************************
/* eslint-disable */
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The OpenAPI document of this plugin. @public */
export const spec = {
  "openapi": "3.1.0",
  "info": {
    "title": "opsdeck",
    "version": "1",
    "description": "OpsDeck backend: ownership, on-call, DORA metrics and integration coverage for the entities of a Backstage catalog. Mounted at /api/opsdeck.",
    "license": {
      "name": "Apache-2.0",
      "url": "http://www.apache.org/licenses/LICENSE-2.0.html"
    },
    "contact": {}
  },
  "servers": [
    {
      "url": "/"
    }
  ],
  "components": {
    "examples": {},
    "headers": {},
    "parameters": {
      "kind": {
        "name": "kind",
        "in": "path",
        "required": true,
        "description": "Entity kind, case-insensitive (e.g. component).",
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      "namespace": {
        "name": "namespace",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      "name": {
        "name": "name",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      }
    },
    "requestBodies": {},
    "responses": {
      "ErrorResponse": {
        "description": "An error response from the backend.",
        "content": {
          "application/json; charset=utf-8": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    },
    "schemas": {
      "Health": {
        "type": "object",
        "required": [
          "status",
          "webhookSources",
          "oncallProviders"
        ],
        "properties": {
          "status": {
            "type": "string",
            "enum": [
              "ok"
            ]
          },
          "webhookSources": {
            "type": "array",
            "description": "Webhook sources installed by backend modules.",
            "items": {
              "type": "string"
            }
          },
          "oncallProviders": {
            "type": "array",
            "description": "On-call providers installed by backend modules.",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "CoverageItem": {
        "type": "object",
        "required": [
          "id",
          "title",
          "applicable",
          "present",
          "evidence"
        ],
        "properties": {
          "id": {
            "type": "string",
            "enum": [
              "owner",
              "oncall",
              "deployments",
              "incidents",
              "ci",
              "observability",
              "docs",
              "kubernetes"
            ]
          },
          "title": {
            "type": "string"
          },
          "applicable": {
            "type": "boolean"
          },
          "present": {
            "type": "boolean"
          },
          "evidence": {
            "type": "array",
            "description": "What made it present (annotation keys, spec.owner or metadata.links).",
            "items": {
              "type": "string"
            }
          },
          "fix": {
            "type": "string",
            "description": "What to add when it is missing."
          }
        }
      },
      "EntityCoverage": {
        "type": "object",
        "required": [
          "entityRef",
          "items",
          "present",
          "applicable",
          "percent",
          "annotations"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/CoverageItem"
            }
          },
          "present": {
            "type": "integer"
          },
          "applicable": {
            "type": "integer"
          },
          "percent": {
            "type": [
              "integer",
              "null"
            ],
            "description": "present ÷ applicable in percent, rounded down; null when nothing applies."
          },
          "annotations": {
            "type": "object",
            "description": "The OpsDeck-relevant annotations the entity carries.",
            "additionalProperties": {
              "type": "string"
            }
          }
        }
      },
      "Error": {
        "type": "object",
        "properties": {
          "error": {
            "type": "object",
            "properties": {
              "name": {
                "type": "string"
              },
              "message": {
                "type": "string"
              }
            },
            "required": [
              "name",
              "message"
            ]
          },
          "request": {
            "type": "object",
            "properties": {
              "method": {
                "type": "string"
              },
              "url": {
                "type": "string"
              }
            },
            "required": [
              "method",
              "url"
            ]
          },
          "response": {
            "type": "object",
            "properties": {
              "statusCode": {
                "type": "number"
              }
            },
            "required": [
              "statusCode"
            ]
          }
        },
        "required": [
          "error",
          "response"
        ]
      }
    },
    "securitySchemes": {
      "JWT": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT"
      }
    }
  },
  "paths": {
    "/health": {
      "get": {
        "operationId": "GetHealth",
        "description": "Liveness and readiness; checks the database. Needs no credentials.",
        "responses": {
          "200": {
            "description": "OpsDeck is up and its database answers.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        },
        "security": [
          {}
        ]
      }
    },
    "/entities/{kind}/{namespace}/{name}/coverage": {
      "get": {
        "operationId": "GetEntityCoverage",
        "description": "Which OpsDeck integrations the entity has and how to add the missing ones. The entity is read from the catalog with the caller's credentials, so catalog read permissions apply.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "responses": {
          "200": {
            "description": "The entity's coverage.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EntityCoverage"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "404": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "default": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        },
        "security": [
          {},
          {
            "JWT": []
          }
        ]
      }
    }
  }
} as const;

/** An express router that validates requests against the spec. @public */
export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>[1],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);

// `backstage-repo-tools repo schema openapi validate` reads the spec from the default export
// when Node imports this file natively (type stripping) rather than through a CJS transform.
export default { spec };
