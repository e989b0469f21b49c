import { extract } from '../src/extract/index.js';
const html = `<html><head><title>Old News - The Gazette</title></head><body bgcolor="#ffffff">
<table width="100%"><tr><td colspan=3><img src="/logo.gif"><font size=1><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sports">Sports</a></font></td></tr>
<tr><td width="150" valign="top"><a href="/a">Local</a><br><a href="/b">National</a><br><a href="/c">Weather</a><br><a href="/d">Classifieds</a></td>
<td valign="top"><font face="Arial" size="4"><b>City council approves new park</b></font><br><font size=2>By John Smith, Staff Writer</font><br><br>
<font face="Arial" size="2">The city council voted 5-2 on Monday night to approve a new park on the east side of town, ending a debate that lasted more than two years.<br><br>
Supporters said the park would give children a safe place to play, while opponents worried about the cost of maintaining it over the coming decades.<br><br>
"This is a great day for our neighborhood," said resident Mary Jones, who spoke at the meeting. Construction is expected to begin in the spring.</font>
<br><br><font size=1>Copyright 2003 The Gazette. All rights reserved.</font></td>
<td width="160" valign="top"><b>Related stories</b><br><a href="/x">Park board meets</a><br><a href="/y">Budget debate continues</a><br><a href="/z">Mayor announces plan</a></td></tr></table></body></html>`;
const a = extract(html, 'http://gazette.example/news/2003/05/12/park.html');
console.log(JSON.stringify(a.text)); console.log(a.headline, a.authors, a.published);
