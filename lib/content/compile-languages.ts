/** Languages highlighted at build time; a fence in any other language fails the content check. */
export const CODE_LANGUAGES = ["ts", "tsx", "js", "json", "yaml", "proto", "bash", "http", "sql", "text"] as const;
