import { escapeHtml } from '../../../core/http/html.js'
import type { SiteInfo } from '../../settings.js'

// The default theme's 404 page (themes/default/common/header.php + error/notfound.php + footer.php), as
// Omeka Classic 3.2.1 renders it for a path under /api that is not an API route (e.g. /api/Items).
// Each `<?php ... ?>` line of header.php leaves its indentation behind, hence the computed spaces.

const HEAD = `<!DOCTYPE html>
<html lang="en-US">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
`

/**
 * The optional meta tags: each `if` line leaves its four spaces; a present tag brings its own line and the
 * indentation of its `endif` line. The title's PHP block adds four more, the title line its own four.
 */
function metaTags(site: SiteInfo): string {
  let out = ''
  for (const [name, value] of [
    ['author', site.author],
    ['copyright', site.copyright],
    ['description', site.description],
  ] as const) {
    out += '    '
    if (value !== '') out += `    <meta name="${name}" content="${escapeHtml(value)}" />\n    `
  }
  return `${out}        `
}

/** The public theme's HTML 404 page for `uri` (the raw request URI) on this site. */
export function themeNotFoundPage(site: SiteInfo, origin: string, uri: string): string {
  const title = escapeHtml(site.title)
  return (
    HEAD +
    metaTags(site) +
    `<title>404 Page Not Found &middot; ${title}</title>

    <link rel="alternate" type="application/rss+xml" title="Omeka RSS Feed" href="/items/browse?output=rss2" /><link rel="alternate" type="application/atom+xml" title="Omeka Atom Feed" href="/items/browse?output=atom" />
    <!-- Plugin Stuff -->

    

    <!-- Stylesheets -->
    <link href="/application/views/scripts/css/iconfonts.css?v=3.2.1" media="all" rel="stylesheet" type="text/css" >
<link href="/application/views/scripts/css/public.css?v=3.2.1" media="all" rel="stylesheet" type="text/css" >
<link href="/themes/default/css/style.css?v=3.2.1" media="all" rel="stylesheet" type="text/css" >
<link href="//fonts.googleapis.com/css?family=PT+Serif:400,700,400italic,700italic" media="all" rel="stylesheet" type="text/css" >    <style>
    :root {
        --background-color: #FFFFFF;
        --text-color: #393939;
        --link-color: #6c6c6c;
        --button-color: #000000;
        --button-text-color: #FFFFFF;
        --title-color:  #000000;
        --thumbnail-size: 100px;
    }

    body {
        background-color: var(--background-color);
        color: var(--text-color);
    }
    #site-title a:link, #site-title a:visited,
    #site-title a:active, #site-title a:hover {
        color: var(--title-color);
            }
    a {
        color: var(--link-color);
    }

    .button, button,
    input[type="reset"],
    input[type="submit"],
    input[type="button"] {
        background-color: var(--button-color);
        color: var(--button-text-color);
    }

    #search-form input[type="text"] {
        border-color: var(--button-color)
    }

    .record img,
    .browse .item-img,
    .browse .image,
    .browse #content .item img,
    .browse .item #content img,
    .browse .image img,
    #recent-items img.image {
        height: var(--thumbnail-size);
    }

    @media (max-width:768px) {
        #primary-nav li {
            background-color: var(--button-color);
        }

        #primary-nav ul.navigation .sub-nav-toggle:after,
        #primary-nav li a {
            color: var(--button-text-color);
        }
    }
</style>    <!-- JavaScripts -->
    <script type="text/javascript" src="https://code.jquery.com/jquery-3.7.1.min.js"></script>
<script type="text/javascript">
    //<!--
    window.jQuery || document.write("<script type=\\"text\\/javascript\\" src=\\"\\/application\\/views\\/scripts\\/javascripts\\/vendor\\/jquery.js?v=3.2.1\\" charset=\\"utf-8\\"><\\/script>"); window.jQuery.uiBackCompat = true    //-->
</script>
<script type="text/javascript" src="https://code.jquery.com/ui/1.14.1/jquery-ui.min.js"></script>
<script type="text/javascript">
    //<!--
    window.jQuery.ui || document.write("<script type=\\"text\\/javascript\\" src=\\"\\/application\\/views\\/scripts\\/javascripts\\/vendor\\/jquery-ui.js?v=3.2.1\\" charset=\\"utf-8\\"><\\/script>")    //-->
</script>
<script type="text/javascript" src="/application/views/scripts/javascripts/vendor/jquery.ui.touch-punch.js"></script>
<script type="text/javascript">
    //<!--
    jQuery.noConflict();    //-->
</script>
<!--[if (gte IE 6)&(lte IE 8)]><script type="text/javascript" src="/application/views/scripts/javascripts/vendor/selectivizr.js?v=3.2.1"></script><![endif]-->
<script type="text/javascript" src="/application/views/scripts/javascripts/vendor/respond.js?v=3.2.1"></script>
<script type="text/javascript" src="/application/views/scripts/javascripts/vendor/jquery-accessibleMegaMenu.js?v=3.2.1"></script>
<script type="text/javascript" src="/application/views/scripts/javascripts/globals.js?v=3.2.1"></script>
<script type="text/javascript" src="/themes/default/javascripts/default.js?v=3.2.1"></script></head>
<body>
    
    <div id="skipnav">
        <span class="spacer">&nbsp;</span>
        <a href="#content">Skip to main content</a>
    </div>
    
        <header role="banner">
                        <div id="site-title"><a href="${origin}" >${title}</a>
</div>
        </header>

        <div id="wrap">
            <button type="button" class="menu-button button" aria-expanded="false" aria-controls="primary-nav">Menu <span class="menu-icon" aria-hidden="true"></span></button>
            <nav id="primary-nav" role="navigation" aria-label="Main navigation">
                <ul class="navigation">
    <li>
        <a href="/items/browse">Browse Items</a>
    </li>
    <li>
        <a href="/collections/browse">Browse Collections</a>
    </li>
</ul>                <div id="search-container" role="search">
                    <form id="search-form" name="search-form" class="" action="/search" aria-label="${title}" method="get">    <input type="text" name="query" id="query" value="" title="Query" aria-label="Query" aria-labelledby="search-form query">            <input type="hidden" name="query_type" value="keyword" id="query_type">                <input type="hidden" name="record_types[]" value="Item">                <input type="hidden" name="record_types[]" value="File">                <input type="hidden" name="record_types[]" value="Collection">                <button name="submit_search" id="submit_search" type="submit" value="Submit" title="Submit" class="button" aria-label="Submit" aria-labelledby="search-form submit_search"><span class="icon" aria-hidden="true"></span></button></form>
                </div>
            </nav>
            <div id="content" role="main" tabindex="-1">
                <h1>404 Page Not Found</h1>
<p>${escapeHtml(uri)} is not a valid URL.</p>
        </div><!-- end content -->

    </div><!-- end wrap -->


    <footer role="contentinfo">

        <div id="footer-text">
            <div class="custom-footer-text">
                        </div>
                        <p>Proudly powered by <a href="http://omeka.org">Omeka</a>.</p>
        </div>

        
    </footer><!-- end footer -->

    <script type="text/javascript">
    jQuery(document).ready(function () {
        Omeka.showAdvancedForm();
        Omeka.skipNav();
        ThanksRoy.mobileMenu();
    });
    </script>

</body>
</html>
`
  )
}
