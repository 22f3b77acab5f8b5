package site

import "testing"

func BenchmarkFeed(b *testing.B) { benchPage(b, "/feed/", 0) }

func BenchmarkSitemapIndex(b *testing.B) { benchPage(b, "/sitemap.xml", 0) }

func BenchmarkSitemapArticles(b *testing.B) { benchPage(b, "/sitemap-articles-1.xml", 0) }
