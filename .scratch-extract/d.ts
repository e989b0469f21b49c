import { dateInText, normalizeDate, dateFromUrl } from '../src/extract/metadata.js';
for (const s of ['01:38:07 PM IST Nov 20, 2019', 'November 19, 2019, 9:02 AM', '21/06/2014', 'Published Monday, November 18, 2019 8:22AM EST', 'Nov 15, 20195:45 AM', 'Last Updated : Nov 20, 2019 01:41 PM IST', '2019-11-18T20:51:19Z', 'sexta-feira, 22 de outubro de 2010'])
  console.log(s, '→', normalizeDate(s), dateInText(s));
console.log(dateFromUrl('https://www.politifact.com/west-virginia/statements/2019/nov/18/david-mckinley/x/'));
