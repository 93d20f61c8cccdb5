// Monaco's base editor worker (diffs, links, word ranges), bundled locally by the app's bundler.
import "monaco-editor/editor/editor.worker";
