export * from "./articles.js";
export * from "./search.js";
