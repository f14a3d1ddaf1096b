"""The pipeline stages, one module per stage; ``pipeline.default_pipeline`` says their order."""
