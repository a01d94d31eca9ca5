"""One module per page: `layout(ctx, lang)` builds it for the signed-in user of the request,
`register(app, ctx)` adds its callbacks (short: read the inputs, ask the data-access layer, hand
the frame to a pure figure builder)."""
