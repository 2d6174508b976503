// placeholder until lit-localize build runs
export const templates = {};
