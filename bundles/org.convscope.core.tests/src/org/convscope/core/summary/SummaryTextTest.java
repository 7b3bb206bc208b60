package org.convscope.core.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.convscope.core.json.Json;
import org.convscope.core.keras.KerasModels;
import org.convscope.core.model.ModelGraph;
import org.junit.jupiter.api.Test;

/**
 * The summary table against what Keras 3.15's {@code model.summary()} printed for the same two
 * models (configs trimmed to the keys that matter; printed at Keras's default width).
 */
class SummaryTextTest {

    private static final String SEQUENTIAL = """
            {
             "class_name": "Sequential",
             "config": {
              "name": "seq",
              "layers": [
               {
                "class_name": "InputLayer",
                "config": {
                 "batch_shape": [
                  null,
                  16,
                  16,
                  3
                 ],
                 "name": "input_layer"
                }
               },
               {
                "class_name": "Conv2D",
                "config": {
                 "name": "conv2d",
                 "filters": 4,
                 "kernel_size": [
                  3,
                  3
                 ],
                 "padding": "valid"
                }
               },
               {
                "class_name": "Flatten",
                "config": {
                 "name": "flatten"
                }
               },
               {
                "class_name": "Dense",
                "config": {
                 "name": "dense",
                 "units": 1200
                }
               }
              ],
              "build_input_shape": [
               null,
               16,
               16,
               3
              ]
             }
            }""";

    private static final String SEQUENTIAL_SUMMARY = """
            Model: "seq"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            │ conv2d (Conv2D)                 │ (None, 14, 14, 4)      │           112 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ flatten (Flatten)               │ (None, 784)            │             0 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense (Dense)                   │ (None, 1200)           │       942,000 │
            └─────────────────────────────────┴────────────────────────┴───────────────┘
             Total params: 942,112 (3.59 MB)
             Trainable params: 942,112 (3.59 MB)
             Non-trainable params: 0 (0.00 B)
            """;

    private static final String FUNCTIONAL = """
            {
             "class_name": "Functional",
             "config": {
              "name": "func",
              "layers": [
               {
                "class_name": "InputLayer",
                "config": {
                 "batch_shape": [
                  null,
                  8
                 ],
                 "name": "a"
                },
                "name": "a",
                "inbound_nodes": []
               },
               {
                "class_name": "InputLayer",
                "config": {
                 "batch_shape": [
                  null,
                  8
                 ],
                 "name": "b"
                },
                "name": "b",
                "inbound_nodes": []
               },
               {
                "class_name": "Dense",
                "config": {
                 "name": "d1",
                 "units": 4
                },
                "name": "d1",
                "inbound_nodes": [
                 {
                  "args": [
                   {
                    "class_name": "__keras_tensor__",
                    "config": {
                     "shape": [
                      null,
                      8
                     ],
                     "keras_history": [
                      "a",
                      0,
                      0
                     ]
                    }
                   }
                  ],
                  "kwargs": {}
                 }
                ]
               },
               {
                "class_name": "Dense",
                "config": {
                 "name": "d2",
                 "units": 4
                },
                "name": "d2",
                "inbound_nodes": [
                 {
                  "args": [
                   {
                    "class_name": "__keras_tensor__",
                    "config": {
                     "shape": [
                      null,
                      8
                     ],
                     "keras_history": [
                      "b",
                      0,
                      0
                     ]
                    }
                   }
                  ],
                  "kwargs": {}
                 }
                ]
               },
               {
                "class_name": "Add",
                "config": {
                 "name": "add"
                },
                "name": "add",
                "inbound_nodes": [
                 {
                  "args": [
                   [
                    {
                     "class_name": "__keras_tensor__",
                     "config": {
                      "shape": [
                       null,
                       4
                      ],
                      "keras_history": [
                       "d1",
                       0,
                       0
                      ]
                     }
                    },
                    {
                     "class_name": "__keras_tensor__",
                     "config": {
                      "shape": [
                       null,
                       4
                      ],
                      "keras_history": [
                       "d2",
                       0,
                       0
                      ]
                     }
                    }
                   ]
                  ],
                  "kwargs": {}
                 }
                ]
               },
               {
                "class_name": "Dense",
                "config": {
                 "name": "o1",
                 "units": 2
                },
                "name": "o1",
                "inbound_nodes": [
                 {
                  "args": [
                   {
                    "class_name": "__keras_tensor__",
                    "config": {
                     "shape": [
                      null,
                      4
                     ],
                     "keras_history": [
                      "add",
                      0,
                      0
                     ]
                    }
                   }
                  ],
                  "kwargs": {}
                 }
                ]
               },
               {
                "class_name": "Dense",
                "config": {
                 "name": "o2",
                 "units": 3
                },
                "name": "o2",
                "inbound_nodes": [
                 {
                  "args": [
                   {
                    "class_name": "__keras_tensor__",
                    "config": {
                     "shape": [
                      null,
                      4
                     ],
                     "keras_history": [
                      "add",
                      0,
                      0
                     ]
                    }
                   }
                  ],
                  "kwargs": {}
                 }
                ]
               }
              ],
              "input_layers": [
               [
                "a",
                0,
                0
               ],
               [
                "b",
                0,
                0
               ]
              ],
              "output_layers": [
               [
                "o1",
                0,
                0
               ],
               [
                "o2",
                0,
                0
               ]
              ]
             }
            }""";

    private static final String FUNCTIONAL_SUMMARY = """
            Model: "func"
            ┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓
            ┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃
            ┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩
            │ a (InputLayer)      │ (None, 8)         │          0 │ -                 │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ b (InputLayer)      │ (None, 8)         │          0 │ -                 │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ d1 (Dense)          │ (None, 4)         │         36 │ a[0][0]           │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ d2 (Dense)          │ (None, 4)         │         36 │ b[0][0]           │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ add (Add)           │ (None, 4)         │          0 │ d1[0][0],         │
            │                     │                   │            │ d2[0][0]          │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ o1 (Dense)          │ (None, 2)         │         10 │ add[0][0]         │
            ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
            │ o2 (Dense)          │ (None, 3)         │         15 │ add[0][0]         │
            └─────────────────────┴───────────────────┴────────────┴───────────────────┘
             Total params: 97 (388.00 B)
             Trainable params: 97 (388.00 B)
             Non-trainable params: 0 (0.00 B)
            """;

    @Test
    void sequentialTableMatchesKeras() throws Exception {
        try (ModelGraph g = KerasModels.build(Json.parse(SEQUENTIAL))) {
            assertEquals(SEQUENTIAL_SUMMARY, SummaryText.of(g, false));
        }
    }

    @Test
    void functionalTableWithConnectionsMatchesKeras() throws Exception {
        try (ModelGraph g = KerasModels.build(Json.parse(FUNCTIONAL))) {
            assertEquals(FUNCTIONAL_SUMMARY, SummaryText.of(g, false));
        }
    }

    @Test
    void jsonListsLayersWithShapesParamsAndInbound() throws Exception {
        try (ModelGraph g = KerasModels.build(Json.parse(FUNCTIONAL))) {
            Map<String, Object> json = SummaryJson.of(g);
            assertEquals("func", json.get("name"));
            assertEquals(97L, json.get("total_params"));
            List<?> layers = (List<?>) json.get("layers");
            assertEquals(7, layers.size());
            Map<?, ?> add = (Map<?, ?>) layers.get(4);
            assertEquals("add", add.get("name"));
            assertEquals(List.of("d1", "d2"), add.get("inbound"));
            assertEquals(Arrays.asList(null, 4), add.get("output_shape"));
            assertEquals(Json.parse(Json.write(json, false)), Json.parse(SummaryJson.text(g, true)));
        }
    }

    @Test
    void sizesPrintAsKerasPrintsThem() {
        assertEquals("0 (0.00 B)", SummaryText.count(0));
        assertEquals("27 (108.00 B)", SummaryText.count(27));
        assertEquals("275 (1.07 KB)", SummaryText.count(275));
        assertEquals("138,357,544 (527.79 MB)", SummaryText.count(138_357_544));
    }
}
