"""Published pages generated from the governance data, like CODEOWNERS.

``rst`` renders the maintainers page (reStructuredText), ``landscape`` the ecosystem categories of
a cncf/landscape2 file. Each is a pure function of the state and the page's layout
(``pages/<page>.yaml``: what the page says that is not governance data), so the same data always
gives the same bytes; ``check`` lets ``charter check`` fail when a page kept in the repository is
out of date.
"""
