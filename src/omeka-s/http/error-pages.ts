// Omeka S 4.2.0's HTML pages outside the API's JSON (its layout with the `minimal` body): the error page a
// PHP error ends in, and the 404 page of a path no route matches. Copied byte for byte from the recorded
// answers (conformance/s cases 117 and 507); the installation title goes into <title>.
const HEAD =
  '<!DOCTYPE html><html lang="en-US">    <head>\n        <meta charset="utf-8">\n<meta name="viewport" content="width&#x3D;device-width,&#x20;initial-scale&#x3D;1">        '
const MIDDLE =
  '        <link href="&#x2F;&#x2F;fonts.googleapis.com&#x2F;css&#x3F;family&#x3D;Source&#x2B;Code&#x2B;Pro&#x25;7CLato&#x3A;400,400italic,700,700italic" media="screen" rel="stylesheet" type="text&#x2F;css">\n<link href="&#x2F;application&#x2F;asset&#x2F;css&#x2F;iconfonts.css&#x3F;v&#x3D;4.2.0" media="screen" rel="stylesheet" type="text&#x2F;css">\n<link href="&#x2F;application&#x2F;asset&#x2F;css&#x2F;style.css&#x3F;v&#x3D;4.2.0" media="screen" rel="stylesheet" type="text&#x2F;css">                <script  src="https&#x3A;&#x2F;&#x2F;code.jquery.com&#x2F;jquery-3.7.1.min.js"></script>\n<script  src="&#x2F;application&#x2F;asset&#x2F;js&#x2F;global.js&#x3F;v&#x3D;4.2.0"></script>    </head>\n    <body class="minimal">                '
const NOT_FOUND_CONTENT =
  '<div id="content" role="main">\n                        <h1><span class="title">Page not found</span></h1>\n<p>The page you are trying to view does not exist. Use the back button to return to the last page.</p>\n\n        </div>\n        <footer>\n            <span class="powered-by">Powered by Omeka S</span>\n        </footer>\n    </body>\n</html>\n'
const ERROR_CONTENT =
  '<div id="content" role="main">\n                        <h1>Omeka S encountered an error</h1>\n\n<p>\nTo learn how to see more detailed information about this error, see the Omeka S User Manual page on <a href="https://omeka.org/s/docs/user-manual/errorLogging/">retrieving error messages</a>.</p>\n        </div>\n        <footer>\n            <span class="powered-by">Powered by Omeka S</span>\n        </footer>\n    </body>\n</html>\n'

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#039;')

/** The page Omeka S answers with a 500 when PHP fails (`--bug-compat`). */
export const errorPageHtml = (installationTitle: string): string =>
  `${HEAD}<title>${escapeHtml(installationTitle)}</title>${MIDDLE}${ERROR_CONTENT}`

/** Omeka S's 404 page for a path no route matches (`--bug-compat`). */
export const notFoundPageHtml = (installationTitle: string): string =>
  `${HEAD}<title>Page not found · ${escapeHtml(installationTitle)}</title>${MIDDLE}${NOT_FOUND_CONTENT}`
