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
      },
      "from": {
        "name": "from",
        "in": "query",
        "required": false,
        "allowReserved": true,
        "description": "Window start (rounded down to 00:00 UTC), ISO 8601 or epoch ms.",
        "schema": {
          "type": "string"
        }
      },
      "to": {
        "name": "to",
        "in": "query",
        "required": false,
        "allowReserved": true,
        "description": "Window end, exclusive (rounded down to 00:00 UTC), ISO 8601 or epoch ms.",
        "schema": {
          "type": "string"
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
          "oncallProviders",
          "sliProviders"
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
          },
          "sliProviders": {
            "type": "array",
            "description": "SLI providers (Prometheus built in, others added by backend modules).",
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
          "title": {
            "type": "string",
            "description": "The entity's metadata.title, when set."
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
      "EventsAnswer": {
        "type": "object",
        "required": [
          "accepted",
          "duplicate",
          "ignored"
        ],
        "properties": {
          "accepted": {
            "type": "object",
            "required": [
              "deployments",
              "incidents",
              "changes"
            ],
            "properties": {
              "deployments": {
                "type": "integer"
              },
              "incidents": {
                "type": "integer"
              },
              "changes": {
                "type": "integer",
                "description": "Merged commits (CDEvents change.merged naming a SHA)."
              }
            }
          },
          "duplicate": {
            "type": "boolean",
            "description": "The same delivery (Idempotency-Key or identical body) was accepted before; nothing changed."
          },
          "ignored": {
            "type": "array",
            "description": "CloudEvents of types OpsDeck does not handle; stored as quarantined.",
            "items": {
              "type": "object",
              "required": [
                "id",
                "type",
                "reason"
              ],
              "properties": {
                "id": {
                  "type": "string"
                },
                "type": {
                  "type": "string"
                },
                "reason": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "EventBatch": {
        "type": "object",
        "description": "The versioned batch. At most 1000 deployments and incidents together; bodies over 1 MiB get 413. Instants are ISO 8601 date-times with a time zone, or epoch milliseconds.",
        "required": [
          "version",
          "source"
        ],
        "additionalProperties": false,
        "properties": {
          "version": {
            "type": "integer",
            "enum": [
              1
            ]
          },
          "source": {
            "type": "string",
            "pattern": "^[a-z0-9][a-z0-9._-]{0,63}$",
            "description": "The sender's name; record keys are <source>:<id>."
          },
          "deployments": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/DeploymentItem"
            }
          },
          "incidents": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/IncidentItem"
            }
          }
        }
      },
      "Instant": {
        "oneOf": [
          {
            "type": "string",
            "format": "date-time"
          },
          {
            "type": "integer",
            "minimum": 0
          }
        ]
      },
      "ServiceSelector": {
        "description": "An entity ref (kind defaults to component, namespace to default) or an annotation value.",
        "oneOf": [
          {
            "type": "string"
          },
          {
            "type": "object",
            "required": [
              "annotation",
              "value"
            ],
            "additionalProperties": false,
            "properties": {
              "annotation": {
                "type": "string"
              },
              "value": {
                "type": "string"
              }
            }
          }
        ]
      },
      "DeploymentItem": {
        "type": "object",
        "required": [
          "id",
          "service",
          "environment",
          "status"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "type": "string"
          },
          "service": {
            "$ref": "#/components/schemas/ServiceSelector"
          },
          "environment": {
            "type": "string"
          },
          "status": {
            "type": "string",
            "description": "success, failure, cancelled, pending, or a provider word (failed, error, degraded, canceled, queued, in_progress, running, inactive)."
          },
          "startedAt": {
            "$ref": "#/components/schemas/Instant"
          },
          "finishedAt": {
            "$ref": "#/components/schemas/Instant"
          },
          "commit": {
            "type": "object",
            "required": [
              "sha"
            ],
            "properties": {
              "sha": {
                "type": "string"
              },
              "time": {
                "$ref": "#/components/schemas/Instant"
              }
            }
          },
          "changes": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "sha",
                "time"
              ],
              "properties": {
                "sha": {
                  "type": "string"
                },
                "time": {
                  "$ref": "#/components/schemas/Instant"
                },
                "authorEmail": {
                  "type": "string",
                  "maxLength": 254,
                  "description": "The commit author's email; a new hire's onboarding ticks \"your first change in production\" when a change of theirs ships."
                }
              }
            }
          },
          "rollbackOf": {
            "type": "string",
            "description": "Id (same source) of the deployment this one reverts."
          },
          "rework": {
            "type": "boolean"
          },
          "fixes": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "url": {
            "type": "string",
            "format": "uri"
          },
          "title": {
            "type": "string"
          }
        }
      },
      "IncidentItem": {
        "type": "object",
        "required": [
          "id",
          "service",
          "openedAt"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "type": "string"
          },
          "service": {
            "$ref": "#/components/schemas/ServiceSelector"
          },
          "openedAt": {
            "$ref": "#/components/schemas/Instant"
          },
          "resolvedAt": {
            "description": "null reopens the incident.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/Instant"
              },
              {
                "type": "null"
              }
            ]
          },
          "severity": {
            "type": "string"
          },
          "environment": {
            "type": "string"
          },
          "causedBy": {
            "oneOf": [
              {
                "type": "object",
                "required": [
                  "deployment"
                ],
                "properties": {
                  "deployment": {
                    "type": "string",
                    "description": "<source>:<id>"
                  }
                }
              },
              {
                "type": "object",
                "required": [
                  "commit"
                ],
                "properties": {
                  "commit": {
                    "type": "string"
                  }
                }
              }
            ]
          },
          "url": {
            "type": "string",
            "format": "uri"
          },
          "title": {
            "type": "string"
          }
        }
      },
      "DoraMetric": {
        "type": "object",
        "required": [
          "value",
          "tier",
          "detail"
        ],
        "properties": {
          "value": {
            "type": [
              "number",
              "null"
            ]
          },
          "reason": {
            "type": "string",
            "enum": [
              "no-deployments-ever",
              "none-in-window",
              "no-changes",
              "no-failures",
              "none-recovered",
              "no-incidents",
              "none-resolved"
            ]
          },
          "tier": {
            "type": [
              "string",
              "null"
            ],
            "description": "elite, high, medium or low; null without a value or a benchmark."
          },
          "tierReason": {
            "type": "string",
            "enum": [
              "not-benchmarked"
            ]
          },
          "detail": {
            "type": "object",
            "additionalProperties": true
          }
        }
      },
      "DoraMetrics": {
        "type": "object",
        "required": [
          "window",
          "benchmark",
          "deploymentFrequency",
          "changeLeadTime",
          "changeFailRate",
          "recoveryTime",
          "reworkRate",
          "mttr"
        ],
        "properties": {
          "window": {
            "type": "object",
            "required": [
              "from",
              "to",
              "days"
            ],
            "properties": {
              "from": {
                "type": "integer"
              },
              "to": {
                "type": "integer"
              },
              "days": {
                "type": "integer"
              }
            }
          },
          "benchmark": {
            "type": "string"
          },
          "deploymentFrequency": {
            "$ref": "#/components/schemas/DoraMetric"
          },
          "changeLeadTime": {
            "$ref": "#/components/schemas/DoraMetric"
          },
          "changeFailRate": {
            "$ref": "#/components/schemas/DoraMetric"
          },
          "recoveryTime": {
            "$ref": "#/components/schemas/DoraMetric"
          },
          "reworkRate": {
            "$ref": "#/components/schemas/DoraMetric"
          },
          "mttr": {
            "$ref": "#/components/schemas/DoraMetric"
          }
        }
      },
      "EntityDora": {
        "type": "object",
        "required": [
          "entityRef",
          "services",
          "current",
          "previous",
          "weekly"
        ],
        "properties": {
          "derivedThrough": {
            "type": [
              "integer",
              "null"
            ],
            "description": "When the newest event this answer includes was received, epoch ms; null before any event."
          },
          "pendingEvents": {
            "type": "integer",
            "description": "Events accepted but not derived yet; poll until 0 to read what was just sent."
          },
          "entityRef": {
            "type": "string"
          },
          "services": {
            "type": "array",
            "description": "Service identities whose events count for the entity.",
            "items": {
              "type": "string"
            }
          },
          "current": {
            "$ref": "#/components/schemas/DoraMetrics"
          },
          "previous": {
            "$ref": "#/components/schemas/DoraMetrics"
          },
          "firstEventAt": {
            "type": [
              "integer",
              "null"
            ],
            "description": "The scope's earliest deployment or incident (epoch ms; day precision for rollups); windows are compared only when it precedes the previous window."
          },
          "weekly": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "weekStart",
                "metrics"
              ],
              "properties": {
                "weekStart": {
                  "type": "integer"
                },
                "metrics": {
                  "$ref": "#/components/schemas/DoraMetrics"
                }
              }
            }
          }
        }
      },
      "ScopeRef": {
        "type": "object",
        "required": [
          "type"
        ],
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "group",
              "org"
            ]
          },
          "entityRef": {
            "type": "string",
            "description": "The group, for group scopes."
          },
          "includeChildren": {
            "type": "boolean",
            "description": "Whether the group's child groups count too."
          }
        }
      },
      "ScopeCoverage": {
        "type": "object",
        "required": [
          "scope",
          "percent",
          "present",
          "applicable",
          "integrations",
          "services"
        ],
        "properties": {
          "scope": {
            "$ref": "#/components/schemas/ScopeRef"
          },
          "percent": {
            "type": [
              "integer",
              "null"
            ],
            "description": "present ÷ applicable summed over the scope's services, in percent, rounded down; null without services."
          },
          "present": {
            "type": "integer"
          },
          "applicable": {
            "type": "integer"
          },
          "integrations": {
            "type": "array",
            "description": "Per integration, on how many services it is present of how many it applies to.",
            "items": {
              "type": "object",
              "required": [
                "id",
                "title",
                "present",
                "applicable"
              ],
              "properties": {
                "id": {
                  "type": "string"
                },
                "title": {
                  "type": "string"
                },
                "present": {
                  "type": "integer"
                },
                "applicable": {
                  "type": "integer"
                }
              }
            }
          },
          "services": {
            "type": "array",
            "description": "Every Component of the scope, least covered first.",
            "items": {
              "type": "object",
              "required": [
                "entityRef",
                "percent",
                "present",
                "applicable",
                "missing"
              ],
              "properties": {
                "entityRef": {
                  "type": "string"
                },
                "title": {
                  "type": "string"
                },
                "percent": {
                  "type": [
                    "integer",
                    "null"
                  ]
                },
                "present": {
                  "type": "integer"
                },
                "applicable": {
                  "type": "integer"
                },
                "missing": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": [
                      "id",
                      "title",
                      "fix"
                    ],
                    "properties": {
                      "id": {
                        "type": "string"
                      },
                      "title": {
                        "type": "string"
                      },
                      "fix": {
                        "type": "string",
                        "description": "The exact annotation or step that adds it."
                      }
                    }
                  }
                }
              }
            }
          }
        }
      },
      "DoraHeadline": {
        "type": "object",
        "required": [
          "value",
          "tier"
        ],
        "properties": {
          "value": {
            "type": [
              "number",
              "null"
            ]
          },
          "reason": {
            "type": "string"
          },
          "tier": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "ScopeServices": {
        "type": "object",
        "required": [
          "scope",
          "window",
          "benchmark",
          "services"
        ],
        "properties": {
          "derivedThrough": {
            "type": [
              "integer",
              "null"
            ],
            "description": "When the newest event this answer includes was received, epoch ms; null before any event."
          },
          "pendingEvents": {
            "type": "integer",
            "description": "Events accepted but not derived yet; poll until 0 to read what was just sent."
          },
          "scope": {
            "$ref": "#/components/schemas/ScopeRef"
          },
          "window": {
            "type": "object",
            "required": [
              "from",
              "to",
              "days"
            ],
            "properties": {
              "from": {
                "type": "integer"
              },
              "to": {
                "type": "integer"
              },
              "days": {
                "type": "integer"
              }
            }
          },
          "benchmark": {
            "type": "string"
          },
          "services": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "entityRef",
                "coverage",
                "missing",
                "dora"
              ],
              "properties": {
                "entityRef": {
                  "type": "string"
                },
                "title": {
                  "type": "string"
                },
                "owner": {
                  "type": "string",
                  "description": "The owning group's ref."
                },
                "system": {
                  "type": "string",
                  "description": "The System's ref."
                },
                "coverage": {
                  "type": [
                    "integer",
                    "null"
                  ],
                  "description": "Integration coverage in percent, rounded down."
                },
                "missing": {
                  "type": "array",
                  "description": "Ids of the applicable integrations the service lacks.",
                  "items": {
                    "type": "string"
                  }
                },
                "dora": {
                  "type": "object",
                  "description": "Each metric's value (or null with its reason) and tier for the window.",
                  "required": [
                    "deploymentFrequency",
                    "changeLeadTime",
                    "changeFailRate",
                    "recoveryTime",
                    "reworkRate",
                    "mttr"
                  ],
                  "properties": {
                    "deploymentFrequency": {
                      "$ref": "#/components/schemas/DoraHeadline"
                    },
                    "changeLeadTime": {
                      "$ref": "#/components/schemas/DoraHeadline"
                    },
                    "changeFailRate": {
                      "$ref": "#/components/schemas/DoraHeadline"
                    },
                    "recoveryTime": {
                      "$ref": "#/components/schemas/DoraHeadline"
                    },
                    "reworkRate": {
                      "$ref": "#/components/schemas/DoraHeadline"
                    },
                    "mttr": {
                      "$ref": "#/components/schemas/DoraHeadline"
                    }
                  }
                }
              }
            }
          }
        }
      },
      "OnboardingStepProgress": {
        "type": "object",
        "required": [
          "id",
          "title",
          "links",
          "done"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "description": {
            "type": "string"
          },
          "links": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "title",
                "url"
              ],
              "properties": {
                "title": {
                  "type": "string"
                },
                "url": {
                  "type": "string"
                }
              }
            }
          },
          "domain": {
            "type": "string"
          },
          "auto": {
            "type": "string",
            "enum": [
              "first-production-change",
              "first-oncall-shift"
            ],
            "description": "A check that ticks the step from real data."
          },
          "mine": {
            "type": "string",
            "enum": [
              "service",
              "pipeline",
              "dashboards",
              "runbook",
              "oncall",
              "golden-paths"
            ],
            "description": "A link the page resolves for each reader from the services their teams own."
          },
          "done": {
            "type": "boolean"
          },
          "doneAt": {
            "type": "string",
            "description": "When the step was done, ISO 8601."
          },
          "doneBy": {
            "type": "string",
            "enum": [
              "auto",
              "you"
            ],
            "description": "auto — its check found the evidence; you — ticked by hand."
          },
          "kept": {
            "type": "boolean",
            "description": "Whether the caller's progress stores the step as done (a step its check found is stored once seen, so it stays done when the evidence ages out)."
          },
          "evidence": {
            "type": "object",
            "required": [
              "at"
            ],
            "description": "What the automatic check found.",
            "properties": {
              "at": {
                "type": "string"
              },
              "title": {
                "type": "string"
              },
              "url": {
                "type": "string"
              },
              "entityRef": {
                "type": "string"
              },
              "level": {
                "type": "integer"
              }
            }
          }
        }
      },
      "OnboardingProgress": {
        "type": "object",
        "required": [
          "userRef",
          "quests",
          "steps",
          "done",
          "total"
        ],
        "properties": {
          "userRef": {
            "type": "string",
            "description": "The signed-in user the progress belongs to."
          },
          "quests": {
            "type": "array",
            "description": "The quests (opsdeck.onboarding.quests; the former checklist is one more quest), with the caller's progress.",
            "items": {
              "type": "object",
              "required": [
                "id",
                "title",
                "steps",
                "done",
                "total"
              ],
              "properties": {
                "id": {
                  "type": "string"
                },
                "title": {
                  "type": "string"
                },
                "summary": {
                  "type": "string"
                },
                "docs": {
                  "type": "object",
                  "required": [
                    "entityRef"
                  ],
                  "description": "The TechDocs page that teaches the quest.",
                  "properties": {
                    "entityRef": {
                      "type": "string"
                    },
                    "path": {
                      "type": "string"
                    }
                  }
                },
                "domain": {
                  "type": "string"
                },
                "steps": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/OnboardingStepProgress"
                  }
                },
                "done": {
                  "type": "integer"
                },
                "total": {
                  "type": "integer"
                }
              }
            }
          },
          "steps": {
            "type": "array",
            "description": "Every step of every quest, in order.",
            "items": {
              "$ref": "#/components/schemas/OnboardingStepProgress"
            }
          },
          "shift": {
            "type": "object",
            "required": [
              "entityRef",
              "from",
              "until",
              "level",
              "now"
            ],
            "description": "The caller's on-call shift now, or their next one within 30 days, on their teams and the services those own.",
            "properties": {
              "entityRef": {
                "type": "string"
              },
              "from": {
                "type": "string"
              },
              "until": {
                "type": "string"
              },
              "level": {
                "type": "integer"
              },
              "scheduleName": {
                "type": "string"
              },
              "now": {
                "type": "boolean"
              }
            }
          },
          "done": {
            "type": "integer"
          },
          "total": {
            "type": "integer"
          }
        }
      },
      "AccessRequest": {
        "type": "object",
        "required": [
          "id",
          "domain",
          "resource",
          "reason",
          "requester",
          "approver",
          "status",
          "createdAt"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "domain": {
            "type": "string"
          },
          "resource": {
            "type": "string"
          },
          "reason": {
            "type": "string"
          },
          "durationDays": {
            "type": "integer"
          },
          "requester": {
            "type": "string",
            "description": "User ref of who asked."
          },
          "approver": {
            "type": "string",
            "description": "Group ref of the team that decides (the domain owner when asked)."
          },
          "status": {
            "type": "string",
            "enum": [
              "pending",
              "approved",
              "rejected"
            ]
          },
          "decidedBy": {
            "type": "string"
          },
          "comment": {
            "type": "string"
          },
          "createdAt": {
            "type": "string"
          },
          "decidedAt": {
            "type": "string"
          }
        }
      },
      "ScopeDora": {
        "type": "object",
        "required": [
          "scope",
          "current",
          "previous",
          "weekly"
        ],
        "properties": {
          "derivedThrough": {
            "type": [
              "integer",
              "null"
            ],
            "description": "When the newest event this answer includes was received, epoch ms; null before any event."
          },
          "pendingEvents": {
            "type": "integer",
            "description": "Events accepted but not derived yet; poll until 0 to read what was just sent."
          },
          "scope": {
            "type": "object",
            "required": [
              "type",
              "services"
            ],
            "properties": {
              "type": {
                "type": "string",
                "enum": [
                  "group",
                  "org"
                ]
              },
              "entityRef": {
                "type": "string",
                "description": "The group, for group scopes."
              },
              "includeChildren": {
                "type": "boolean"
              },
              "services": {
                "type": "integer",
                "description": "Service identities the scope holds under current ownership."
              }
            }
          },
          "current": {
            "$ref": "#/components/schemas/DoraMetrics"
          },
          "previous": {
            "$ref": "#/components/schemas/DoraMetrics"
          },
          "firstEventAt": {
            "type": [
              "integer",
              "null"
            ],
            "description": "The scope's earliest deployment or incident (epoch ms; day precision for rollups); windows are compared only when it precedes the previous window."
          },
          "weekly": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "weekStart",
                "metrics"
              ],
              "properties": {
                "weekStart": {
                  "type": "integer"
                },
                "metrics": {
                  "$ref": "#/components/schemas/DoraMetrics"
                }
              }
            }
          }
        }
      },
      "BackfillRun": {
        "type": "object",
        "required": [
          "id",
          "days",
          "startedAt",
          "status",
          "progress",
          "sources"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "days": {
            "type": "integer"
          },
          "startedAt": {
            "type": "string"
          },
          "finishedAt": {
            "type": "string"
          },
          "status": {
            "type": "string",
            "enum": [
              "running",
              "done",
              "failed"
            ]
          },
          "progress": {
            "type": "object",
            "description": "The whole run, every source.",
            "required": [
              "done",
              "total",
              "etaSeconds"
            ],
            "properties": {
              "done": {
                "type": "integer",
                "description": "Targets finished (imported or failed)."
              },
              "total": {
                "type": "integer"
              },
              "etaSeconds": {
                "type": "integer",
                "nullable": true,
                "description": "Time left at the pace so far; null until a target is done or once the run ended."
              }
            }
          },
          "sources": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "source",
                "targets",
                "done",
                "records",
                "errors"
              ],
              "properties": {
                "source": {
                  "type": "string"
                },
                "targets": {
                  "type": "integer",
                  "description": "Annotation values (repositories, projects, services) to import."
                },
                "done": {
                  "type": "integer"
                },
                "records": {
                  "type": "integer",
                  "description": "Deployment and incident updates stored."
                },
                "errors": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                }
              }
            }
          }
        }
      },
      "OnCallPerson": {
        "type": "object",
        "required": [
          "name"
        ],
        "properties": {
          "name": {
            "type": "string"
          },
          "email": {
            "type": "string"
          },
          "userRef": {
            "type": "string",
            "description": "The catalog User, when exactly one matches."
          }
        }
      },
      "OnCallIncident": {
        "type": "object",
        "required": [
          "id",
          "title",
          "status",
          "createdAt"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "status": {
            "type": "string"
          },
          "createdAt": {
            "type": "string"
          },
          "urgency": {
            "type": "string"
          },
          "url": {
            "type": "string"
          }
        }
      },
      "OnCallAnswer": {
        "type": "object",
        "required": [
          "entityRef",
          "provider",
          "levels",
          "asOf",
          "stale"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "provider": {
            "type": [
              "string",
              "null"
            ]
          },
          "source": {
            "type": "object",
            "required": [
              "annotation",
              "origin",
              "entityRef"
            ],
            "properties": {
              "annotation": {
                "type": "string"
              },
              "origin": {
                "type": "string",
                "enum": [
                  "own",
                  "system",
                  "group",
                  "ancestor"
                ]
              },
              "entityRef": {
                "type": "string"
              }
            }
          },
          "levels": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "level",
                "people"
              ],
              "properties": {
                "level": {
                  "type": "integer"
                },
                "people": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/OnCallPerson"
                  }
                },
                "until": {
                  "type": "string"
                },
                "scheduleName": {
                  "type": "string"
                },
                "entityRef": {
                  "type": "string",
                  "description": "The entity whose on-call this level is, when a rotation escalated to its parent."
                }
              }
            }
          },
          "incidents": {
            "type": "array",
            "description": "Open incidents or alerts, when the provider has them.",
            "items": {
              "$ref": "#/components/schemas/OnCallIncident"
            }
          },
          "asOf": {
            "type": "string",
            "description": "When the answer was true; older than now when stale."
          },
          "stale": {
            "type": "boolean",
            "description": "The provider could not be reached; this is its last-known answer."
          },
          "error": {
            "type": "object",
            "required": [
              "reason",
              "message"
            ],
            "properties": {
              "reason": {
                "type": "string"
              },
              "message": {
                "type": "string"
              }
            }
          }
        }
      },
      "WebhookAnswer": {
        "type": "object",
        "required": [
          "deliveryId",
          "duplicate"
        ],
        "properties": {
          "deliveryId": {
            "type": "string",
            "description": "The provider's delivery id."
          },
          "duplicate": {
            "type": "boolean",
            "description": "Seen before; nothing changed."
          }
        }
      },
      "DeliveriesPage": {
        "type": "object",
        "required": [
          "items"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Delivery"
            }
          },
          "nextCursor": {
            "type": "string",
            "description": "Pass as cursor for the next (older) page; absent on the last page."
          }
        }
      },
      "Delivery": {
        "type": "object",
        "required": [
          "source",
          "deliveryId",
          "receivedAt",
          "status",
          "headers",
          "bodyBytes",
          "body"
        ],
        "properties": {
          "source": {
            "type": "string"
          },
          "deliveryId": {
            "type": "string"
          },
          "receivedAt": {
            "type": "integer",
            "description": "Epoch ms."
          },
          "status": {
            "type": "string",
            "enum": [
              "pending",
              "processed",
              "quarantined",
              "failed"
            ]
          },
          "reason": {
            "type": "string",
            "description": "Why it was quarantined or failed."
          },
          "headers": {
            "type": "object",
            "additionalProperties": {
              "type": "string"
            },
            "description": "Request headers without credentials and signatures."
          },
          "bodyBytes": {
            "type": "integer"
          },
          "body": {
            "type": "string",
            "description": "The first 4 KiB of the body as UTF-8."
          }
        }
      },
      "SetAsidePage": {
        "type": "object",
        "required": [
          "items",
          "pending",
          "setAside"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SetAsideMark"
            }
          },
          "pending": {
            "type": "integer",
            "description": "Marks waiting in the derivation queues (not set aside)."
          },
          "setAside": {
            "type": "integer",
            "description": "Marks set aside in all."
          }
        }
      },
      "SetAsideMark": {
        "type": "object",
        "required": [
          "queue",
          "service",
          "attempts",
          "reason",
          "setAsideAt"
        ],
        "properties": {
          "queue": {
            "type": "string",
            "enum": [
              "facts",
              "rollups"
            ],
            "description": "facts = a service's per-record facts; rollups = one service day."
          },
          "service": {
            "type": "string",
            "description": "The service identity (entity:<ref> or annotation:<key>=<value>)."
          },
          "day": {
            "type": "integer",
            "description": "The day (00:00 UTC, epoch ms) of a rollups mark."
          },
          "attempts": {
            "type": "integer"
          },
          "reason": {
            "type": "string",
            "description": "The error of the last try."
          },
          "setAsideAt": {
            "type": "integer",
            "description": "Epoch ms."
          }
        }
      },
      "SetAsideRetryAnswer": {
        "type": "object",
        "required": [
          "retried"
        ],
        "properties": {
          "retried": {
            "type": "integer",
            "description": "Marks put back in line."
          }
        }
      },
      "RebuildAnswer": {
        "type": "object",
        "required": [
          "services",
          "days"
        ],
        "properties": {
          "services": {
            "type": "integer",
            "description": "Services whose per-record facts were re-derived."
          },
          "days": {
            "type": "integer",
            "description": "Service days whose rollups were re-derived."
          }
        }
      },
      "DeleteEventAnswer": {
        "type": "object",
        "required": [
          "key",
          "deleted",
          "events"
        ],
        "properties": {
          "key": {
            "type": "string",
            "description": "The record key, <source>:<id>."
          },
          "deleted": {
            "type": "array",
            "description": "Which records were deleted (a deployment and an incident may share a key).",
            "items": {
              "type": "string",
              "enum": [
                "deployment",
                "incident"
              ]
            }
          },
          "events": {
            "type": "integer",
            "description": "Stored events of the record that were deleted."
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
      },
      "SloCounts": {
        "type": "object",
        "required": [
          "good",
          "total",
          "queries"
        ],
        "properties": {
          "good": {
            "type": "number"
          },
          "total": {
            "type": "number",
            "description": "0 means no data (never 0 %)."
          },
          "queries": {
            "type": "array",
            "description": "The provider's queries behind the numbers, numerator first.",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "SloObjectiveAnswer": {
        "type": "object",
        "required": [
          "displayName",
          "target",
          "sli",
          "window",
          "budget",
          "remainingMs",
          "burnRates",
          "status",
          "timeToExhaustionMs"
        ],
        "properties": {
          "displayName": {
            "type": "string"
          },
          "target": {
            "type": "number"
          },
          "sli": {
            "type": [
              "number",
              "null"
            ]
          },
          "window": {
            "$ref": "#/components/schemas/SloCounts"
          },
          "budget": {
            "type": [
              "object",
              "null"
            ],
            "description": "The error budget over the window (target, sli, budget, consumed, remaining, exhausted); null without data.",
            "additionalProperties": true
          },
          "remainingMs": {
            "type": [
              "number",
              "null"
            ]
          },
          "burnRates": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "lookback",
                "rate",
                "queries"
              ],
              "properties": {
                "lookback": {
                  "type": "string",
                  "enum": [
                    "5m",
                    "30m",
                    "1h",
                    "6h",
                    "1d",
                    "3d"
                  ]
                },
                "rate": {
                  "type": [
                    "number",
                    "null"
                  ]
                },
                "queries": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                }
              }
            }
          },
          "status": {
            "type": "string",
            "enum": [
              "page",
              "ticket",
              "ok",
              "no-data"
            ]
          },
          "timeToExhaustionMs": {
            "type": [
              "number",
              "null"
            ]
          }
        }
      },
      "SloAnswer": {
        "type": "object",
        "required": [
          "name",
          "window",
          "windowMs",
          "file",
          "provider",
          "objectives"
        ],
        "properties": {
          "name": {
            "type": "string"
          },
          "displayName": {
            "type": "string"
          },
          "description": {
            "type": "string"
          },
          "window": {
            "type": "string"
          },
          "windowMs": {
            "type": "number"
          },
          "file": {
            "type": "string"
          },
          "provider": {
            "type": "object",
            "required": [
              "type"
            ],
            "properties": {
              "type": {
                "type": "string"
              },
              "instance": {
                "type": "string"
              }
            }
          },
          "graphUrl": {
            "type": "string"
          },
          "objectives": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SloObjectiveAnswer"
            }
          },
          "error": {
            "type": "object",
            "required": [
              "reason",
              "message"
            ],
            "properties": {
              "reason": {
                "type": "string",
                "enum": [
                  "no-provider",
                  "provider-error"
                ]
              },
              "message": {
                "type": "string"
              }
            }
          }
        }
      },
      "EntitySloAnswer": {
        "type": "object",
        "required": [
          "entityRef",
          "slos",
          "problems",
          "evaluatedAt",
          "asOf",
          "stale"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "annotation": {
            "type": "string",
            "description": "The opsdeck.io/openslo value, when the entity has one."
          },
          "slos": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SloAnswer"
            }
          },
          "problems": {
            "type": "array",
            "description": "Files that could not be read or are not valid OpenSLO, with the field named.",
            "items": {
              "type": "object",
              "required": [
                "file",
                "error"
              ],
              "properties": {
                "file": {
                  "type": "string"
                },
                "error": {
                  "type": "string"
                }
              }
            }
          },
          "evaluatedAt": {
            "type": "string",
            "format": "date-time"
          },
          "asOf": {
            "type": "string",
            "format": "date-time"
          },
          "stale": {
            "type": "boolean"
          }
        }
      },
      "SloGateAnswer": {
        "type": "object",
        "required": [
          "entityRef",
          "decision",
          "proceed",
          "reasons",
          "evaluatedAt",
          "stale"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "decision": {
            "type": "string",
            "enum": [
              "wait",
              "go",
              "unknown"
            ]
          },
          "proceed": {
            "type": "boolean",
            "description": "false for wait; for unknown, true unless opsdeck.slo.policy.onUnknown is wait."
          },
          "reasons": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "evaluatedAt": {
            "type": "string",
            "format": "date-time"
          },
          "stale": {
            "type": "boolean"
          }
        }
      },
      "SloHistoryAnswer": {
        "type": "object",
        "required": [
          "entityRef",
          "slo",
          "objective",
          "target",
          "window",
          "evaluatedAt",
          "points",
          "deployments",
          "burnedAfter",
          "burnAfterThreshold",
          "incidents",
          "queries",
          "stale"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "slo": {
            "type": "string"
          },
          "objective": {
            "type": "string"
          },
          "target": {
            "type": "number"
          },
          "window": {
            "type": "string"
          },
          "evaluatedAt": {
            "type": "string",
            "format": "date-time"
          },
          "points": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "at",
                "remaining"
              ],
              "properties": {
                "at": {
                  "type": "string",
                  "format": "date-time"
                },
                "remaining": {
                  "type": "number"
                }
              }
            }
          },
          "deployments": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "id",
                "at",
                "status",
                "environment",
                "burnAfter",
                "budgetSpentAfter"
              ],
              "properties": {
                "id": {
                  "type": "string"
                },
                "at": {
                  "type": "string",
                  "format": "date-time"
                },
                "status": {
                  "type": "string"
                },
                "environment": {
                  "type": "string"
                },
                "title": {
                  "type": "string"
                },
                "url": {
                  "type": "string"
                },
                "sha": {
                  "type": "string"
                },
                "burnAfter": {
                  "type": [
                    "number",
                    "null"
                  ]
                },
                "budgetSpentAfter": {
                  "type": [
                    "number",
                    "null"
                  ]
                }
              }
            }
          },
          "burnedAfter": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "burnAfterThreshold": {
            "type": "number"
          },
          "incidents": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "id",
                "openedAt"
              ],
              "properties": {
                "id": {
                  "type": "string"
                },
                "openedAt": {
                  "type": "string",
                  "format": "date-time"
                },
                "resolvedAt": {
                  "type": "string",
                  "format": "date-time"
                },
                "title": {
                  "type": "string"
                },
                "url": {
                  "type": "string"
                }
              }
            }
          },
          "queries": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "error": {
            "type": "object",
            "required": [
              "reason",
              "message"
            ],
            "properties": {
              "reason": {
                "type": "string"
              },
              "message": {
                "type": "string"
              }
            }
          },
          "stale": {
            "type": "boolean"
          }
        }
      },
      "ScopeSloAnswer": {
        "type": "object",
        "required": [
          "items",
          "counts",
          "stale"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "entityRef",
                "state"
              ],
              "properties": {
                "entityRef": {
                  "type": "string"
                },
                "title": {
                  "type": "string"
                },
                "state": {
                  "type": "string",
                  "enum": [
                    "exhausted",
                    "burning",
                    "healthy",
                    "no-data",
                    "no-slo"
                  ]
                },
                "worst": {
                  "type": "object",
                  "required": [
                    "slo",
                    "objective",
                    "remaining",
                    "status"
                  ],
                  "properties": {
                    "slo": {
                      "type": "string"
                    },
                    "objective": {
                      "type": "string"
                    },
                    "remaining": {
                      "type": [
                        "number",
                        "null"
                      ]
                    },
                    "status": {
                      "type": "string",
                      "enum": [
                        "page",
                        "ticket",
                        "ok",
                        "no-data"
                      ]
                    }
                  }
                }
              }
            }
          },
          "counts": {
            "type": "object",
            "additionalProperties": {
              "type": "integer"
            }
          },
          "stale": {
            "type": "boolean"
          }
        }
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
    "/events": {
      "post": {
        "operationId": "PostEvents",
        "description": "Deployment and incident events from CI/CD and incident tools. Service principals only (restrict external callers with backend.auth.externalAccess accessRestrictions, permission opsdeck.events.create). Accepts the versioned JSON batch, or CloudEvents 1.0 in binary, structured or batch mode with types io.opsdeck.deployment.v1 and io.opsdeck.incident.v1 (data = one item). Idempotent by Idempotency-Key (else the body) and by record key; a rejected request stores nothing.",
        "parameters": [
          {
            "name": "Idempotency-Key",
            "in": "header",
            "required": false,
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/EventBatch"
              }
            },
            "application/cloudevents+json": {
              "schema": {
                "type": "object"
              }
            },
            "application/cloudevents-batch+json": {
              "schema": {
                "type": "array",
                "items": {
                  "type": "object"
                }
              }
            }
          }
        },
        "responses": {
          "202": {
            "description": "Stored.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EventsAnswer"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "413": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "503": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        },
        "security": [
          {
            "JWT": []
          }
        ]
      }
    },
    "/webhooks/{source}": {
      "post": {
        "operationId": "PostWebhook",
        "description": "A provider's webhook (github, gitlab, argocd, pagerduty, opsgenie — whichever modules are installed). Authenticity is checked by the source over the raw body bytes (signature or shared secret; Argo CD sends a Backstage token instead). The raw delivery is stored before the answer, keyed by the provider's delivery id, so a redelivery answers 200 and changes nothing; normalisation follows, and a sweep finishes anything left pending. Authentic payloads OpsDeck does not use are stored as quarantined and still answered 2xx. Answers only 2xx, 401, 404 (no such source), 413 (over 5 MiB) or 503 with Retry-After.",
        "parameters": [
          {
            "name": "source",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "A redelivery; nothing changed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WebhookAnswer"
                }
              }
            }
          },
          "202": {
            "description": "Stored.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WebhookAnswer"
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
          "413": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "503": {
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
    },
    "/admin/backfill": {
      "post": {
        "operationId": "PostAdminBackfill",
        "description": "Starts importing the last N days from the providers' REST APIs (GitHub deployments and their statuses, GitLab deployments, PagerDuty incidents) for every catalog entity that carries the source's annotation, through the same normalisation as webhooks (the same record keys, so webhooks for the same records only update them). Runs in the background, one run at a time across replicas (409 otherwise); every replica works on its targets, and takes over those of a replica that stopped once their lease (opsdeck.backfill.lease) ran out. GET shows progress. Needs opsdeck.admin and provider credentials (integrations.github, integrations.gitlab, opsdeck.oncall.pagerduty or the pagerDuty block); audited.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "days"
                ],
                "properties": {
                  "days": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 365
                  },
                  "sources": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          }
        },
        "responses": {
          "202": {
            "description": "Started.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/BackfillRun"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "409": {
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
      },
      "get": {
        "operationId": "GetAdminBackfill",
        "description": "The 20 most recent backfill runs, started on any replica, with their progress (kept in the database). Needs opsdeck.admin.",
        "responses": {
          "200": {
            "description": "Runs, newest first.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "runs"
                  ],
                  "properties": {
                    "runs": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/BackfillRun"
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
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
    },
    "/admin/deliveries": {
      "get": {
        "operationId": "GetAdminDeliveries",
        "description": "Raw deliveries, newest first, for debugging a hook: source, the provider's delivery id, status (pending, processed, quarantined, failed) with the reason, headers with credentials and signatures removed, and the first 4 KiB of the body. Needs opsdeck.admin.",
        "parameters": [
          {
            "name": "source",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "status",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "string",
              "enum": [
                "pending",
                "processed",
                "quarantined",
                "failed"
              ]
            }
          },
          {
            "name": "cursor",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "description": "The nextCursor of the previous page.",
            "schema": {
              "type": "string",
              "pattern": "^[0-9]+$"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 200
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of deliveries.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DeliveriesPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
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
    },
    "/entities/{kind}/{namespace}/{name}/ownership": {
      "get": {
        "operationId": "GetEntityOwnership",
        "description": "Who owns the entity and how to reach them, in one answer: the owning group (ownedBy; a Group answers about itself) with its members, email and links (http and https only), the parent chain to the top, and the on-call answer. Read with the caller's credentials.",
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
            "description": "The ownership answer.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "entityRef",
                    "parents",
                    "oncall"
                  ],
                  "properties": {
                    "entityRef": {
                      "type": "string"
                    },
                    "owner": {
                      "type": "object",
                      "required": [
                        "entityRef",
                        "name",
                        "members",
                        "links"
                      ],
                      "properties": {
                        "entityRef": {
                          "type": "string"
                        },
                        "name": {
                          "type": "string"
                        },
                        "email": {
                          "type": "string"
                        },
                        "members": {
                          "type": "array",
                          "items": {
                            "type": "object",
                            "required": [
                              "entityRef",
                              "name"
                            ],
                            "properties": {
                              "entityRef": {
                                "type": "string"
                              },
                              "name": {
                                "type": "string"
                              },
                              "email": {
                                "type": "string"
                              }
                            }
                          }
                        },
                        "links": {
                          "type": "array",
                          "items": {
                            "type": "object",
                            "required": [
                              "title",
                              "url"
                            ],
                            "properties": {
                              "title": {
                                "type": "string"
                              },
                              "url": {
                                "type": "string"
                              }
                            }
                          }
                        }
                      }
                    },
                    "parents": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "required": [
                          "entityRef",
                          "name"
                        ],
                        "properties": {
                          "entityRef": {
                            "type": "string"
                          },
                          "name": {
                            "type": "string"
                          },
                          "email": {
                            "type": "string"
                          }
                        }
                      }
                    },
                    "oncall": {
                      "$ref": "#/components/schemas/OnCallAnswer"
                    }
                  }
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
    },
    "/entities/{kind}/{namespace}/{name}/oncall": {
      "get": {
        "operationId": "GetEntityOnCall",
        "description": "Who is on call for the entity now: the on-call annotation found by the inheritance order (the entity's own, its System, its owning Group, that group's ancestors), answered by the catalog rotation (opsdeck.io/oncall-rotation) or the installed provider for the annotation; escalation levels with the people on call and until when, where it came from, asOf and stale. Nothing known → no levels and an error naming the fix. The entity is read with the caller's credentials.",
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
            "description": "The on-call answer.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OnCallAnswer"
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
    },
    "/oncall/shifts": {
      "get": {
        "operationId": "GetOnCallShifts",
        "description": "Shifts (who, from, until, level) of the entity's on-call in [from, to) (default: the next 28 days): its catalog rotation's, or its provider's (cached like the on-call answer).",
        "parameters": [
          {
            "name": "entityRef",
            "in": "query",
            "required": true,
            "allowReserved": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "from",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "to",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The shifts, in order.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "provider",
                    "items",
                    "asOf",
                    "stale"
                  ],
                  "properties": {
                    "provider": {
                      "type": [
                        "string",
                        "null"
                      ]
                    },
                    "items": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "required": [
                          "person",
                          "from",
                          "until",
                          "level"
                        ],
                        "properties": {
                          "person": {
                            "$ref": "#/components/schemas/OnCallPerson"
                          },
                          "from": {
                            "type": "string"
                          },
                          "until": {
                            "type": "string"
                          },
                          "level": {
                            "type": "integer"
                          },
                          "scheduleName": {
                            "type": "string"
                          }
                        }
                      }
                    },
                    "asOf": {
                      "type": "string"
                    },
                    "stale": {
                      "type": "boolean"
                    },
                    "error": {
                      "type": "object",
                      "required": [
                        "reason",
                        "message"
                      ],
                      "properties": {
                        "reason": {
                          "type": "string"
                        },
                        "message": {
                          "type": "string"
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
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
    },
    "/entities/{kind}/{namespace}/{name}/dora": {
      "get": {
        "operationId": "GetEntityDora",
        "description": "The entity's DORA metrics for a window (default: the 90 days before the next 00:00 UTC), the previous window of the same length, and ISO-week buckets. Every metric has a value (null with a reason when there is nothing to measure), a tier under the configured benchmark set, and the counts behind it. Instants are epoch milliseconds. The entity is read with the caller's credentials.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          }
        ],
        "responses": {
          "200": {
            "description": "The entity's DORA metrics.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EntityDora"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
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
    },
    "/entities/{kind}/{namespace}/{name}/events": {
      "get": {
        "operationId": "GetEntityEvents",
        "description": "Provenance: the deployments and incidents behind the entity's DORA numbers in a window, newest first, cursor-paginated, each with its link back to the source (http/https only).",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "name": "type",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "string",
              "enum": [
                "deployment",
                "incident"
              ]
            }
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          },
          {
            "name": "cursor",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "A page of events.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "items"
                  ],
                  "properties": {
                    "derivedThrough": {
                      "type": [
                        "integer",
                        "null"
                      ],
                      "description": "When the newest event this answer includes was received, epoch ms; null before any event."
                    },
                    "pendingEvents": {
                      "type": "integer",
                      "description": "Events accepted but not derived yet; poll until 0 to read what was just sent."
                    },
                    "items": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "required": [
                          "type",
                          "key",
                          "source",
                          "id",
                          "time",
                          "detail"
                        ],
                        "properties": {
                          "type": {
                            "type": "string",
                            "enum": [
                              "deployment",
                              "incident"
                            ]
                          },
                          "key": {
                            "type": "string"
                          },
                          "source": {
                            "type": "string"
                          },
                          "id": {
                            "type": "string"
                          },
                          "time": {
                            "type": "integer"
                          },
                          "title": {
                            "type": "string"
                          },
                          "url": {
                            "type": "string"
                          },
                          "detail": {
                            "type": "object",
                            "description": "The stored record; for deployments also `failed`, `rework`, `recovery` (ms, `unrecovered` or `discarded`) and `why` — `failed` {status, rolledBackBy, incidents [{key, by: causedBy|window}]}, `recoveredBy` {deployment} or {incidents}, `ignoredRollback` (unknown-target, rollback-not-successful, other-service-or-environment, target-not-earlier), `sources` (every record that reported the same rollout), `firstShipped` (SHAs whose lead time is its own).",
                            "additionalProperties": true
                          }
                        }
                      }
                    },
                    "nextCursor": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
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
    },
    "/groups/{namespace}/{name}/dora": {
      "get": {
        "operationId": "GetGroupDora",
        "description": "A group's DORA metrics from the daily rollups: the union of the events of every Component the group owns now (with includeChildren=true, also those of its child groups, to any depth), each event once. Same shape and window rules as the entity answer. Needs opsdeck.rollup.read; the group is read with the caller's credentials.",
        "parameters": [
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "name": "includeChildren",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "string",
              "enum": [
                "true",
                "false"
              ]
            }
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          }
        ],
        "responses": {
          "200": {
            "description": "The group's DORA metrics.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScopeDora"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
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
    },
    "/groups/{namespace}/{name}/coverage": {
      "get": {
        "operationId": "GetGroupCoverage",
        "description": "Integration coverage of every Component the group owns now (with includeChildren=true, also those its child groups own, to any depth): one percentage (present ÷ applicable summed over the services), per-integration counts, and each service least covered first with the exact annotation to add for what it lacks. Read with the caller's credentials.",
        "parameters": [
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "name": "includeChildren",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "string",
              "enum": [
                "true",
                "false"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The group's coverage.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScopeCoverage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
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
    },
    "/groups/{namespace}/{name}/services": {
      "get": {
        "operationId": "GetGroupServices",
        "description": "The Components the group owns now (with includeChildren=true, also its child groups'), each with its coverage and the value and tier of each DORA metric for the window. Read with the caller's credentials.",
        "parameters": [
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "name": "includeChildren",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "string",
              "enum": [
                "true",
                "false"
              ]
            }
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          }
        ],
        "responses": {
          "200": {
            "description": "The group's services.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScopeServices"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
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
    },
    "/org/coverage": {
      "get": {
        "operationId": "GetOrgCoverage",
        "description": "Integration coverage of every Component in the catalog the caller may see, as for a group.",
        "responses": {
          "200": {
            "description": "The organisation's coverage.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScopeCoverage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
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
    },
    "/org/services": {
      "get": {
        "operationId": "GetOrgServices",
        "description": "Every Component in the catalog the caller may see, with its coverage and DORA tiers for the window: the distribution of tiers across services on the org overview.",
        "parameters": [
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          }
        ],
        "responses": {
          "200": {
            "description": "The organisation's services.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScopeServices"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
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
    },
    "/onboarding/progress": {
      "get": {
        "operationId": "GetOnboardingProgress",
        "description": "The onboarding quests (opsdeck.onboarding.quests, the former checklist as one quest) with the signed-in user's progress: ticks, and steps ticked by their automatic checks. Users only: progress belongs to the calling user.",
        "responses": {
          "200": {
            "description": "The caller's checklist.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OnboardingProgress"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
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
      },
      "put": {
        "operationId": "PutOnboardingProgress",
        "description": "Ticks or unticks one step of the caller's own checklist; audited. Naming another user (userRef) is refused with 403. Answers the updated checklist.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "step",
                  "done"
                ],
                "properties": {
                  "step": {
                    "type": "string",
                    "description": "The step id."
                  },
                  "done": {
                    "type": "boolean"
                  },
                  "userRef": {
                    "type": "string",
                    "description": "Optional; must be the caller."
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The caller's checklist after the change.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OnboardingProgress"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
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
    },
    "/access-requests": {
      "get": {
        "operationId": "ListAccessRequests",
        "description": "Access requests to platform domains, newest first, optionally of one domain or status. Users only (service tokens get 403): opsdeck.admin holders see all; everyone else sees the requests they asked and those their teams decide (direct catalog memberOf).",
        "parameters": [
          {
            "name": "domain",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "status",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The requests.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "items"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/AccessRequest"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
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
      },
      "post": {
        "operationId": "CreateAccessRequest",
        "description": "Asks for access to a platform domain's resource; the domain's owning team decides: the Group opsdeck.platform.domains[].owner names, else the owner of the domain's one home System (annotated opsdeck.io/platform-domain). 409 while two home Systems claim the domain. Users only; audited.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "domain",
                  "resource",
                  "reason"
                ],
                "properties": {
                  "domain": {
                    "type": "string"
                  },
                  "resource": {
                    "type": "string"
                  },
                  "reason": {
                    "type": "string"
                  },
                  "durationDays": {
                    "type": "integer"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The stored request.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AccessRequest"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "409": {
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
    },
    "/access-requests/{id}/decision": {
      "post": {
        "operationId": "DecideAccessRequest",
        "description": "Approves or rejects a pending request. Only direct catalog members (memberOf, read at decision time) of the domain's approving team as it is now, and only when the policy allows opsdeck.access-request.decide; never the requester (403 naming the rule); audited. 404 for callers who may not see the request; 409 when already decided or while two home Systems claim the domain.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "approve"
                ],
                "properties": {
                  "approve": {
                    "type": "boolean"
                  },
                  "comment": {
                    "type": "string"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The decided request.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AccessRequest"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "404": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "409": {
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
    },
    "/org/dora": {
      "get": {
        "operationId": "GetOrgDora",
        "description": "The organisation's DORA metrics from the daily rollups: every Component in the catalog, each event once. Needs opsdeck.rollup.read.",
        "parameters": [
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          }
        ],
        "responses": {
          "200": {
            "description": "The organisation's DORA metrics.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScopeDora"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
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
    },
    "/admin/set-aside": {
      "get": {
        "operationId": "GetAdminSetAside",
        "description": "Derivation work that failed in all its tries (5, with backoff) and was set aside, so that the rest goes on: which queue, which service (and day), how many tries and the last error, newest first; and how many marks are pending and set aside. Needs opsdeck.admin.",
        "parameters": [
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 200
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The set-aside marks.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SetAsidePage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
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
    },
    "/admin/unmapped": {
      "get": {
        "operationId": "GetAdminUnmapped",
        "description": "Service identities of stored events that map to no Component (an annotation value no Component carries, or an entity ref that is not a Component), with their event counts, most events first. Their events count nowhere until a Component claims them; then its facts are rebuilt at the next index refresh. Needs opsdeck.admin.",
        "parameters": [
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 500
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The unmapped identities.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "items"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "required": [
                          "service",
                          "deployments",
                          "incidents"
                        ],
                        "properties": {
                          "service": {
                            "type": "string",
                            "description": "annotation:<key>=<value> or entity:<ref>"
                          },
                          "deployments": {
                            "type": "integer"
                          },
                          "incidents": {
                            "type": "integer"
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
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
    },
    "/admin/set-aside/retry": {
      "post": {
        "operationId": "PostAdminSetAsideRetry",
        "description": "Puts set-aside marks (all, or one service's) back in the queue with a fresh set of tries and starts a catch-up. Needs opsdeck.admin; audited.",
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                  "service": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 1100,
                    "description": "Only this service identity's marks."
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Put back.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SetAsideRetryAnswer"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "503": {
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
    },
    "/admin/rebuild": {
      "post": {
        "operationId": "PostAdminRebuild",
        "description": "Re-derives every service's per-record facts and every daily rollup from the stored events, then answers. Needs opsdeck.admin; audited.",
        "responses": {
          "200": {
            "description": "Rebuilt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RebuildAnswer"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "503": {
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
    },
    "/admin/events/{source}/{id}": {
      "delete": {
        "operationId": "DeleteAdminEvent",
        "description": "Deletes a deployment or incident (record key <source>:<id>) and all its stored events, then re-derives the facts and rollups it touched. Needs opsdeck.admin; audited.",
        "parameters": [
          {
            "name": "source",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "minLength": 1
            }
          },
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "minLength": 1
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Deleted.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DeleteEventAnswer"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "404": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "503": {
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
    },
    "/entities/{kind}/{namespace}/{name}/slo": {
      "get": {
        "operationId": "GetEntitySlo",
        "description": "The entity's SLOs (OpenSLO v1 files named by opsdeck.io/openslo), each objective's SLI, error budget, burn rates over 5m/30m/1h/6h/1d/3d, multi-window status and time to exhaustion, evaluated at a fixed time (the current minute), with the queries behind every number. Cached; while a provider is down the last known answer comes back with stale=true. The entity is read with the caller's credentials.",
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
            "description": "The answer.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EntitySloAnswer"
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
    },
    "/entities/{kind}/{namespace}/{name}/slo/gate": {
      "get": {
        "operationId": "GetEntitySloGate",
        "description": "The error-budget policy as a gate for a pipeline: wait when a budget is exhausted under opsdeck.slo.policy, go otherwise, unknown without data (proceed follows opsdeck.slo.policy.onUnknown, go by default). Needs opsdeck.slo.gate.read; every call is audited.",
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
            "description": "The answer.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SloGateAnswer"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
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
    },
    "/entities/{kind}/{namespace}/{name}/slo/history": {
      "get": {
        "operationId": "GetEntitySloHistory",
        "description": "One objective's budget remaining over its window, with the Component's production deployments (and what the hour after each burned) and incidents.",
        "parameters": [
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "name": "slo",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "description": "The SLO's metadata.name; default the first.",
            "schema": {
              "type": "string",
              "maxLength": 256
            }
          },
          {
            "name": "objective",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "description": "The objective's index; default 0.",
            "schema": {
              "type": "string",
              "pattern": "^[0-9]{1,3}$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The answer.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SloHistoryAnswer"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
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
    },
    "/groups/{namespace}/{name}/slo": {
      "get": {
        "operationId": "GetGroupSlo",
        "description": "The group's services (with includeChildren=true, also its child groups') by error-budget state: exhausted, burning, healthy, no data or no SLO. Entities are read with the caller's credentials.",
        "parameters": [
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "name": "includeChildren",
            "in": "query",
            "required": false,
            "allowReserved": true,
            "schema": {
              "type": "string",
              "enum": [
                "true",
                "false"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The services by budget state.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScopeSloAnswer"
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
    },
    "/org/slo": {
      "get": {
        "operationId": "GetOrgSlo",
        "description": "Every Component the caller may see, by error-budget state.",
        "responses": {
          "200": {
            "description": "The services by budget state.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScopeSloAnswer"
                }
              }
            }
          },
          "401": {
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
